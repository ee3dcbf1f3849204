import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./helpers/cli-process.js";
import { readJsonFiles } from "./helpers/experiment-files.js";
import { experimentYaml, storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const COUNT = 8;

describe.skipIf(!haveTestModels())("a run killed with SIGKILL, then run again", () => {
  it("ends with every planned discussion exactly once", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "experiment.yaml"),
      experimentYaml(storiesModelYaml(), { count: COUNT, turns: 6, concurrency: 1, annotate: false }),
    );
    const planned = await runCli(["run", "experiment.yaml", "--dry-run", "--json"], { cwd: dir });
    expect(planned.code).toBe(0);
    const plannedIds = (JSON.parse(planned.stdout) as { discussions: { units: { id: string }[] } }).discussions.units
      .map((unit) => unit.id)
      .sort();
    expect(plannedIds).toHaveLength(COUNT);

    const first = startCli(["run", "experiment.yaml"], { cwd: dir });
    await first.waitFor(/discussions: 1\/8 done/);
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal).toBe("SIGKILL");
    const survivors = readJsonFiles(join(dir, "out", "discussions")).size;
    expect(survivors).toBeGreaterThanOrEqual(1);
    expect(survivors).toBeLessThan(COUNT);

    const second = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      new RegExp(`Discussions: ${COUNT}/${COUNT} done \\(${survivors} from an earlier run\\), 0 failed`),
    );

    const files = readJsonFiles(join(dir, "out", "discussions"));
    expect(files.size).toBe(COUNT);
    const unitIds = [...files.values()].map(unitIdOf).sort();
    expect(unitIds).toEqual(plannedIds);
    // No half-written file is left behind either.
    expect(readdirSync(join(dir, "out", "discussions")).filter((name) => /\.tmp|partial/i.test(name))).toEqual([]);
  });
});

/** The plan unit a discussion file belongs to, as the experiment records it. */
function unitIdOf(file: Record<string, unknown>): string {
  const id = file.unit_id ?? file.unitId ?? (file.experiment as { unit_id?: string } | undefined)?.unit_id;
  if (typeof id !== "string") throw new Error(`no unit id in discussion file ${String(file.id)}`);
  return id;
}
