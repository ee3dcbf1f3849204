import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { type JournalRecord, readJournal } from "./journal.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = join(PACKAGE_DIR, "test/fixtures/run-experiment.mjs");
const TOTAL = 20;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startRun(outputDir: string): { child: ChildProcess; finished: Promise<Finished> } {
  // Enough latency that 20 discussions take seconds, so that the test can stop the run part-way.
  const child = spawn(process.execPath, [SCRIPT, outputDir, String(TOTAL), "40", "2"], { cwd: PACKAGE_DIR });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, finished };
}

async function discussionFiles(outputDir: string): Promise<string[]> {
  if (!existsSync(outputDir)) return [];
  return (await readdir(outputDir)).filter((name) => name.startsWith("discussion-") && name.endsWith(".json")).sort();
}

/** Waits until the run has written `count` discussions: the kill lands part-way however fast the machine is. */
async function waitForFiles(outputDir: string, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await discussionFiles(outputDir)).length < count) {
    if (Date.now() > deadline) throw new Error(`the run wrote fewer than ${count} discussions in a minute`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Checks the folder after the rerun: exactly the 20 planned discussions, each whole, nothing left over. */
async function expectCompleteFolder(outputDir: string): Promise<string[]> {
  const files = await discussionFiles(outputDir);
  expect(files).toHaveLength(TOTAL);
  const indexes = new Set<number>();
  for (const name of files) {
    const file = JSON.parse(await readFile(join(outputDir, name), "utf8"));
    expect(file.experiment.unit_id).toBe(name.replace(/\.json$/, ""));
    expect(file.logs).toHaveLength(1 + 4);
    expect(file.finished_at).toEqual(expect.any(String));
    indexes.add(file.experiment.index);
  }
  expect([...indexes].sort((a, b) => a - b)).toEqual([...Array(TOTAL).keys()]);
  const leftovers = (await readdir(outputDir)).filter((name) => !name.startsWith("discussion-"));
  expect(leftovers).toEqual([".syndisco"]);
  expect((await readdir(join(outputDir, ".syndisco"))).sort()).toEqual(["journal.jsonl", "plan.json"]);
  return files;
}

/**
 * Every file is journaled exactly once, as finished (or as found, when the kill landed between writing the
 * file and journaling it), and the rerun accounts for every unit it started.
 */
function expectConsistentJournal(journal: JournalRecord[], files: string[]): void {
  const finished = journal
    .filter((record) => record.event === "unit-finished" || record.event === "unit-found")
    .map((record) => `${record.unit}.json`);
  expect(finished.sort()).toEqual(files);
  const runs = [...new Set(journal.map((record) => record.run))];
  expect(runs).toHaveLength(2);
  const [, rerun] = runs.map((run) => journal.filter((record) => record.run === run));
  expect(rerun?.[0]).toMatchObject({ event: "experiment-started", total: TOTAL });
  expect(rerun?.at(-1)).toMatchObject({ event: "experiment-finished", finished: TOTAL, failed: 0, total: TOTAL });
  const startedInRerun = rerun?.filter((record) => record.event === "unit-started").map((record) => record.unit);
  const finishedInRerun = rerun?.filter((record) => record.event === "unit-finished").map((record) => record.unit);
  expect(finishedInRerun?.sort()).toEqual(startedInRerun?.sort());
}

beforeAll(() => {
  if (!existsSync(join(PACKAGE_DIR, "dist/index.js"))) {
    throw new Error("packages/core/dist is missing: build core first (pnpm --filter @syndisco/core build)");
  }
});

describe("an experiment in a child process, stopped part-way and run again", () => {
  let outputDir: string;
  beforeEach(async () => {
    outputDir = join(await freshDir("syndisco-resume-"), "discussions");
  });

  it("survives SIGKILL: the rerun finishes exactly the missing discussions", async () => {
    const first = startRun(outputDir);
    await waitForFiles(outputDir, 5);
    first.child.kill("SIGKILL");
    const killed = await first.finished;
    expect(killed.signal).toBe("SIGKILL");
    const survivors = await discussionFiles(outputDir);
    expect(survivors.length).toBeGreaterThanOrEqual(5);
    expect(survivors.length).toBeLessThan(TOTAL);

    const second = await startRun(outputDir).finished;
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout);
    expect(summary).toMatchObject({ total: TOTAL, finished: TOTAL, alreadyDone: survivors.length, failed: [] });

    const files = await expectCompleteFolder(outputDir);
    expect(files).toEqual(expect.arrayContaining(survivors));
    const journal = await readJournal(join(outputDir, ".syndisco", "journal.jsonl"));
    expectConsistentJournal(journal, files);
    const killedRun = journal.filter((record) => record.run === journal[0]?.run);
    expect(killedRun.some((record) => record.event === "experiment-finished" || record.event === "interrupted")).toBe(
      false,
    );
  });

  it("stops cleanly on SIGINT, says how to resume, and the rerun finishes", async () => {
    const first = startRun(outputDir);
    await waitForFiles(outputDir, 5);
    first.child.kill("SIGINT");
    const interrupted = await first.finished;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain("The experiment was interrupted (SIGINT)");
    expect(interrupted.stderr).toContain("run the same experiment with the same outputDir again");
    const survivors = await discussionFiles(outputDir);
    expect(survivors.length).toBeLessThan(TOTAL);
    expect(interrupted.stderr).toContain(`${survivors.length} of ${TOTAL} discussions are done`);
    // Nothing half-written and the lock released, before any rerun cleans up.
    expect((await readdir(outputDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(await readdir(join(outputDir, ".syndisco"))).not.toContain("lock");

    const journalBefore = await readJournal(join(outputDir, ".syndisco", "journal.jsonl"));
    expect(journalBefore.at(-1)).toMatchObject({ event: "interrupted", reason: "SIGINT", finished: survivors.length });
    const started = journalBefore.filter((record) => record.event === "unit-started").map((record) => record.unit);
    const settled = journalBefore
      .filter((record) => record.event === "unit-finished" || record.event === "unit-abandoned")
      .map((record) => record.unit);
    expect(settled.sort()).toEqual(started.sort());

    const second = await startRun(outputDir).finished;
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ finished: TOTAL, alreadyDone: survivors.length });
    const files = await expectCompleteFolder(outputDir);
    expectConsistentJournal(await readJournal(join(outputDir, ".syndisco", "journal.jsonl")), files);
  });
});
