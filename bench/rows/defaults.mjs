// Row set 10: what a new user gets. `syndisco init` writes a config that sets no thread count; this row runs
// that config, unchanged, with `syndisco run … --model-path stories260K.gguf`, and the same config with each
// explicit `threads` value from 1 to the number of cores, and compares the default's time with the best
// explicit one's, measured one after the other in the same case. The "competing" case does the same while a
// second process keeps one core busy (a CPU-bound loop), the situation in which spinning threads collapse.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { CACHE_DIR, CLI_BIN, STORIES_GGUF } from "../lib/paths.mjs";

/** The init config's discussions (`count: 4`). */
const DISCUSSIONS = 4;

/**
 * A run that has not finished by then is not the best: an explicit value is stopped once it takes longer
 * than the best explicit value so far, the default once it takes 3 times as long (a ratio below 0.33).
 */
const DEFAULT_CAP_FACTOR = 3;
/** The longest any single run may take before it counts as collapsed. */
const RUN_CAP_MS = 25 * 60_000;

async function measure({ competing }) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const folder = mkdtempSync(join(CACHE_DIR, "defaults-"));
  const competitor = competing ? startBusyLoop() : undefined;
  try {
    // Let the competitor's load show before anything is measured.
    if (competitor) await new Promise((resolve) => setTimeout(resolve, 2_000));
    const study = join(folder, "study");
    run(["init", study], 60_000);
    const config = readFileSync(join(study, "syndisco.yaml"), "utf8");
    const loadAtStart = loadavg()[0];

    // The explicit values first, each stopped once it is slower than the best so far; then the default.
    const explicit = [];
    let bestMs = RUN_CAP_MS;
    for (let threads = 1; threads <= availableParallelism(); threads++) {
      const configFile = join(study, `threads-${threads}.yaml`);
      writeFileSync(configFile, withThreads(config, threads));
      const result = timedRun(configFile, join(folder, `out-${threads}`), Math.min(RUN_CAP_MS, bestMs * 1.05));
      explicit.push({ threads, ...result });
      if (result.finished) bestMs = Math.min(bestMs, result.ms);
    }
    const best = explicit.filter((entry) => entry.finished).sort((a, b) => a.ms - b.ms)[0];
    if (!best) throw new Error(`no explicit threads value finished the init config within ${RUN_CAP_MS / 1000} s`);
    const chosen = timedRun(join(study, "syndisco.yaml"), join(folder, "out-default"), best.ms * DEFAULT_CAP_FACTOR);
    const seconds = (chosen.finished ? chosen.ms : best.ms * DEFAULT_CAP_FACTOR) / 1000;
    return {
      discussionsPerMinute: chosen.finished ? (DISCUSSIONS / chosen.ms) * 60_000 : undefined,
      seconds,
      defaultFinished: chosen.finished,
      defaultThreads: chosen.pickedThreads,
      bestThreads: best.threads,
      bestExplicitSeconds: best.ms / 1000,
      // At most this when the default did not finish within its cap.
      defaultVsBest: best.ms / 1000 / seconds,
      explicitSeconds: Object.fromEntries(
        explicit.map((entry) => [entry.threads, entry.finished ? entry.ms / 1000 : null]),
      ),
      loadAtStart,
    };
  } finally {
    competitor?.kill("SIGKILL");
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The config with `threads: N` added to the model's options (after its `contextSize`). */
function withThreads(config, threads) {
  const anchor = /^(\s+)contextSize: .*$/m;
  if (!anchor.test(config)) throw new Error("the init config no longer has a contextSize line to put threads after");
  return config.replace(anchor, (line, indent) => `${line}\n${indent}threads: ${threads}`);
}

/** Runs the config to the end, or until `capMs`; reads the thread count the backend logged when it picked one. */
function timedRun(configFile, outputDir, capMs) {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      CLI_BIN,
      "run",
      configFile,
      "--model-path",
      STORIES_GGUF,
      "--output-dir",
      outputDir,
      "--quiet",
      "--log-level",
      "debug",
    ],
    { encoding: "utf8", timeout: Math.round(capMs), killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - started;
  const finished = child.status === 0;
  if (!finished && !child.error) throw new Error(`syndisco run failed (${child.status}): ${child.stderr.slice(-500)}`);
  const picked = /using (\d+) CPU thread/.exec(child.stderr ?? "");
  return { ms, finished, pickedThreads: picked ? Number(picked[1]) : undefined };
}

function run(args, timeout) {
  const child = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: "utf8", timeout });
  if (child.status !== 0) throw new Error(`syndisco ${args[0]} failed: ${child.stderr}`);
}

/**
 * A second process that keeps one core busy until it is killed, or until this process is gone (so that a
 * case stopped by its timeout leaves no loop behind).
 */
function startBusyLoop() {
  const loop = `const parent = ${process.pid};
for (let i = 1; ; i++) {
  if (i % 1e8 === 0) {
    try { process.kill(parent, 0); } catch { process.exit(0); }
  }
}`;
  return spawn(process.execPath, ["-e", loop], { stdio: "ignore" });
}

export default {
  id: "defaults",
  number: 10,
  title: "defaults: `syndisco init`'s config on stories260K, default threads against the best explicit value",
  cases: () => [
    {
      id: "competing",
      label: "a CPU-bound process keeps one core busy",
      params: { competing: true },
      timeoutMs: 90 * 60_000,
    },
    { id: "quiet", label: "no competing process of ours", params: { competing: false }, timeoutMs: 90 * 60_000 },
  ],
  measure,
};
