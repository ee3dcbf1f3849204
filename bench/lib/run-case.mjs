// Runs one case in a fresh child process and reads its metrics.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { RESULT_MARKER } from "./case-runner.mjs";
import { ROOT } from "./paths.mjs";

const CASE_RUNNER = join(ROOT, "bench/lib/case-runner.mjs");
const CASE_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs `caseSpec` of the row set in `rowFile` in its own Node process, for at most `caseSpec.timeoutMs`
 * (default 15 minutes).
 *
 * @returns `{metrics}` on success, or `{error}` with the reason (the end of the child's stderr) on failure;
 *   it never throws, so that one failing case does not stop the benchmark.
 */
export function runCase(rowFile, caseSpec, { quick }) {
  const child = spawnSync(
    process.execPath,
    [CASE_RUNNER, rowFile, JSON.stringify({ params: caseSpec.params, quick })],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: caseSpec.timeoutMs ?? CASE_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    },
  );
  const line = child.stdout?.split("\n").find((text) => text.startsWith(RESULT_MARKER));
  if (child.status === 0 && line) return { metrics: JSON.parse(line.slice(RESULT_MARKER.length)) };
  const reason = child.error?.message ?? lastLines(child.stderr, 4) ?? `exit code ${child.status}`;
  return { error: reason || `exit code ${child.status}` };
}

function lastLines(text, count) {
  const lines = (text ?? "").trim().split("\n").filter(Boolean);
  return lines.length > 0 ? lines.slice(-count).join(" / ") : undefined;
}
