import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./helpers/cli-process.js";
import { readJsonFiles } from "./helpers/experiment-files.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const FAILING_BACKEND = resolve(dirname(fileURLToPath(import.meta.url)), "fixtures", "failing-backend.mjs");

const config = (count: number, delayMs = 0) => `models:
  main: { backend: ${JSON.stringify(FAILING_BACKEND)}, options: { name: failing, delayMs: ${delayMs} } }
personas: [{ username: A }, { username: B }, { username: C }]
discussions:
  model: main
  count: ${count}
  turns: 2
  seedOpinions: ["FAIL-ME now", "Cats are great."]
output: ./out
seed: 5
`;

interface PlannedUnit {
  id: string;
  seedOpinion: string;
}

describe("a run where some discussions fail", () => {
  it("exits 1, lists the failed units and the journal, and keeps the others", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "experiment.yaml"), config(6));
    const plan = await runCli(["run", "experiment.yaml", "--dry-run", "--json"], { cwd: dir });
    const units = (JSON.parse(plan.stdout) as { discussions: { units: PlannedUnit[] } }).discussions.units;
    const failing = units.filter((unit) => unit.seedOpinion === "FAIL-ME now").map((unit) => unit.id);
    const passing = units.filter((unit) => unit.seedOpinion !== "FAIL-ME now").map((unit) => unit.id);
    expect(failing.length).toBeGreaterThan(0);
    expect(passing.length).toBeGreaterThan(0);

    const run = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${failing.length} of 6 discussions failed:`));
    for (const id of failing) expect(run.stderr).toContain(`  ${id}: `);
    expect(run.stderr).toMatch(/the backend failed on purpose/);
    const journal = run.stderr.match(/Journal: (\S+)/)?.[1] ?? "";
    expect(existsSync(journal)).toBe(true);
    expect(run.stdout).toMatch(new RegExp(`Discussions: ${passing.length}/6 done, ${failing.length} failed`));
    const written = [...readJsonFiles(join(dir, "out", "discussions")).keys()].map((name) =>
      name.replace(/\.json$/, ""),
    );
    expect(written.sort()).toEqual([...passing].sort());

    const retried = await runCli(["run", "experiment.yaml", "--quiet"], { cwd: dir });
    expect(retried.code).toBe(1);
    expect(retried.stdout).toBe("");
    expect(retried.stderr).toMatch(new RegExp(`${failing.length} of 6 discussions failed:`));
  });
});

describe("a run stopped with Ctrl-C (SIGINT)", () => {
  it("exits 130 with how to resume, and the next run finishes the rest", async () => {
    const dir = tempDir();
    // 100 discussions of about 60 ms each: the signal arrives while most are still to run.
    writeFileSync(join(dir, "experiment.yaml"), config(100, 20).replace('"FAIL-ME now", ', ""));
    const run = startCli(["run", "experiment.yaml"], { cwd: dir });
    await run.waitFor(/discussions: 1\/100 done/);
    run.child.kill("SIGINT");
    const stopped = await run.exited;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/The experiment was interrupted .* of 100 discussions are done/);
    expect(stopped.stderr).toMatch(/With the CLI: run the same syndisco command again/);
    const done = readJsonFiles(join(dir, "out", "discussions")).size;
    expect(done).toBeLessThan(100);

    const resumed = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`Discussions: 100/100 done \\(${done} from an earlier run\\)`));
  });
});
