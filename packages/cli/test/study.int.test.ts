import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./helpers/cli-process.js";
import { cellFiles, readJsonFiles } from "./helpers/experiment-files.js";
import { storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

describe.skipIf(!haveTestModels())("a study on the tiny models", () => {
  it("killed with SIGKILL in the middle of a cell and run again, ends with exactly the planned files", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "study.yaml"), smallStudy(["none", "strict"], 4));
    const first = startCli(["run", "study.yaml"], { cwd: dir });
    await first.waitFor(/discussions: 2\/8 done/);
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const survivors = [...cellFiles(join(dir, "out")).values()].reduce((sum, files) => sum + files.size, 0);
    expect(survivors).toBeGreaterThanOrEqual(2);
    expect(survivors).toBeLessThan(8);

    const second = await runCli(["run", "study.yaml"], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`8/8 discussions done \\(${survivors} from an earlier run\\), 0 failed`));
    const byCell = cellFiles(join(dir, "out"));
    expect([...byCell.keys()]).toEqual(["moderation=none", "moderation=strict"]);
    const ids = new Set<string>();
    for (const [cell, files] of byCell) {
      expect(files.size).toBe(4);
      const indexes = [...files.values()].map((file) => (file.experiment as { index: number }).index).sort();
      expect(indexes).toEqual([0, 1, 2, 3]);
      for (const [name, file] of files) {
        expect(name).toBe(`${(file.experiment as { unit_id: string }).unit_id}.json`);
        expect(file.finished_at).toEqual(expect.any(String));
        expect((file.study as { cell: string }).cell).toBe(cell);
        ids.add(String(file.id));
      }
      const leftovers = readdirSync(join(dir, "out", "discussions", cell)).filter((name) => !name.endsWith(".json"));
      expect(leftovers).toEqual([".syndisco"]);
    }
    expect(ids.size).toBe(8);
  });

  it("runs only the new cells when a level is added", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "study.yaml"), smallStudy(["none", "strict"], 1));
    expect((await runCli(["run", "study.yaml"], { cwd: dir })).code).toBe(0);
    const before = new Map(
      [...cellFiles(join(dir, "out"))].flatMap(([cell, files]) =>
        [...files.keys()].map((name) => {
          const path = join(dir, "out", "discussions", cell, name);
          return [path, statSync(path).mtimeMs] as const;
        }),
      ),
    );
    writeFileSync(join(dir, "study.yaml"), smallStudy(["none", "strict", "gentle"], 1));
    const rerun = await runCli(["run", "study.yaml"], { cwd: dir });
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/cells: 3 in the study, 2 already done/);
    expect(rerun.stdout).toMatch(/3\/3 discussions done \(2 from an earlier run\)/);
    expect([...cellFiles(join(dir, "out")).keys()]).toEqual([
      "moderation=gentle",
      "moderation=none",
      "moderation=strict",
    ]);
    for (const [path, mtime] of before) expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it("annotates every cell with `syndisco annotate`, and the annotation export has one column per factor", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "study.yaml"), smallStudy(["none", "strict"], 2));
    expect((await runCli(["run", "study.yaml"], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, "out", "annotations"))).toBe(false);

    writeFileSync(join(dir, "study.yaml"), smallStudy(["none", "strict"], 2, ANNOTATION));
    const planned = await runCli(["annotate", "study.yaml", "--dry-run", "--json"], { cwd: dir });
    expect(planned.code).toBe(0);
    expect(JSON.parse(planned.stdout)).toEqual({
      cells: [
        { id: "moderation=none", levels: { moderation: "none" }, annotations: 2, done: 0 },
        { id: "moderation=strict", levels: { moderation: "strict" }, annotations: 2, done: 0 },
      ],
      totalAnnotations: 4,
    });
    const annotated = await runCli(["annotate", "study.yaml"], { cwd: dir });
    expect(annotated.code).toBe(0);
    expect(annotated.stdout).toMatch(/Annotations of moderation=none: 2\/2 done, 0 failed/);
    expect(annotated.stdout).toMatch(/Annotations of moderation=strict: 2\/2 done, 0 failed/);
    for (const cell of ["moderation=none", "moderation=strict"]) {
      const files = readJsonFiles(join(dir, "out", "annotations", cell));
      expect(files.size).toBe(2);
      for (const file of files.values())
        expect(file.study).toMatchObject({ cell, levels: { moderation: cell.slice(11) } });
    }

    const exported = await runCli(["export", "out", "--annotations", "--format", "jsonl", "--out", "rows.jsonl"], {
      cwd: dir,
    });
    expect(exported.code).toBe(0);
    const rows = readFileSync(join(dir, "rows.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.factor_moderation))).toEqual(new Set(["none", "strict"]));
    for (const row of rows) expect(row.annotation_variant).toBe(`moderation=${row.factor_moderation}`);

    // Run again, the study's annotations are done: nothing is repeated.
    const again = await runCli(["run", "study.yaml"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Annotations of moderation=none: 2\/2 done \(2 from an earlier run\)/);
  });
});

/** An annotation section on the study's model. */
const ANNOTATION = `annotation:
  model: main
  annotators:
    - persona: { username: Rater }
      instructions: Rate the toxicity of the last comment from 1 to 5. Reply only with the number.
`;

/** A study with one factor, moderation, on stories260K (GGUF). */
function smallStudy(levels: string[], replicates: number, annotation = ""): string {
  const moderators: Record<string, string> = {
    none: "none",
    strict: "{ instructions: Remove every insult. }",
    gentle: "{ instructions: Invite everyone to stay calm. }",
  };
  return `models:
${storiesModelYaml()}
personas:
  - { username: Emma35, age: 38 }
  - { username: Giannis, age: 21 }
  - { username: Lena, age: 45 }
discussions:
  model: main
  turns: 3
  historyLength: 2
  seedOpinions: [Once upon a time there was a big red ball.]
  moderator: { persona: { username: Moderator }, instructions: Keep it civil. }
study:
  factors:
    moderation:
${levels.map((level) => `      ${level}: { moderator: ${moderators[level]} }`).join("\n")}
  sets:
    main: { replicates: ${replicates} }
${annotation}output: ./out
seed: 5
`;
}
