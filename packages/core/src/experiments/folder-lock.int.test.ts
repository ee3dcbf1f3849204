import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { statePaths } from "./state-paths.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = join(PACKAGE_DIR, "test/fixtures/hold-folder.mjs");
// Enough processes that the old lock logic let several in at once (3 of 16 took over a stale lock).
const STARTS = 12;
// Long enough that every other start tries the lock while the winner holds it, even on a busy machine.
const HOLD_MS = 5000;

interface Start {
  child: ChildProcess;
  ready: Promise<void>;
  outcome: Promise<string>;
}

function start(outputDir: string): Start {
  const child = spawn(process.execPath, [SCRIPT, outputDir, String(HOLD_MS)], { cwd: PACKAGE_DIR });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.startsWith("ready\n")) markReady();
  });
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const outcome = new Promise<string>((resolve) =>
    child.on("close", (code) =>
      resolve(code === 0 ? stdout.slice("ready\n".length).trim() : `exit ${code}: ${stderr}`),
    ),
  );
  return { child, ready, outcome };
}

/** Starts STARTS runs into one folder at the same moment and returns what each said. */
async function startAtOnce(outputDir: string): Promise<string[]> {
  const starts = Array.from({ length: STARTS }, () => start(outputDir));
  await Promise.all(starts.map((one) => one.ready));
  for (const one of starts) one.child.stdin?.write("go\n");
  return Promise.all(starts.map((one) => one.outcome));
}

function expectOneWinner(outcomes: string[]): void {
  expect(outcomes.filter((outcome) => outcome === "won")).toHaveLength(1);
  const refused = outcomes.filter((outcome) => outcome !== "won");
  expect(refused).toHaveLength(STARTS - 1);
  for (const outcome of refused) expect(outcome).toMatch(/^refused .*another SynDisco run \(process \d+ on /);
}

describe("the output folder's lock, taken by many processes at once", () => {
  it("lets exactly one of many simultaneous starts into a new folder", { timeout: 120_000 }, async () => {
    const outputDir = await freshDir();
    expectOneWinner(await startAtOnce(outputDir));
    // No temporary owner file is left behind.
    expect(await readdir(statePaths(outputDir).stateDir)).not.toContainEqual(expect.stringMatching(/tmp/));
  });

  it("lets exactly one of many simultaneous starts take over a stale lock", { timeout: 120_000 }, async () => {
    const outputDir = await freshDir();
    const { stateDir, lockFile } = statePaths(outputDir);
    await mkdir(stateDir, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    await writeFile(lockFile, JSON.stringify({ pid: Number(dead.stdout), hostname: hostname(), startedAt: "earlier" }));
    expectOneWinner(await startAtOnce(outputDir));
  });
});
