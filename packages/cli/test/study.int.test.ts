import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { REPO_ROOT, runCli, startCli } from "./helpers/cli-process.js";
import { readJsonFiles } from "./helpers/experiment-files.js";
import { storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const EXAMPLE = join(REPO_ROOT, "examples/moderation-study");

interface PlannedCell {
  id: string;
  levels: Record<string, string>;
  discussions: number;
  done: number;
}

/** The example copied to a fresh folder, with its models and turns changed as given. */
function exampleCopy(change: (config: Record<string, unknown>) => void): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes("moderation-study-output") });
  const config = parseYaml(readFileSync(join(dir, "study.yaml"), "utf8")) as Record<string, unknown>;
  change(config);
  writeFileSync(join(dir, "study.yaml"), stringifyYaml(config));
  return dir;
}

/** The discussion files of every cell folder of a study's output, by cell. */
function cellFiles(outputDir: string): Map<string, Map<string, Record<string, unknown>>> {
  const cells = new Map<string, Map<string, Record<string, unknown>>>();
  for (const cell of readdirSync(join(outputDir, "discussions")).sort()) {
    cells.set(cell, readJsonFiles(join(outputDir, "discussions", cell)));
  }
  return cells;
}

describe.skipIf(!haveTestModels())("the moderation-study example", () => {
  it("plans 24 main cells of 30 and 108 ablation cells of 10, 1,800 discussions, no cell twice", async () => {
    // A dry run checks that every model can be had: offline, the hub models are replaced by a local file.
    const local = ["--model-path", modelPath("stories260K.gguf")];
    const result = await runCli(["run", "examples/moderation-study/study.yaml", "--dry-run", "--json", ...local], {
      cwd: REPO_ROOT,
    });
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { cells: PlannedCell[]; totalDiscussions: number };
    expect(Object.keys(plan)).toEqual(["cells", "totalDiscussions"]);
    for (const cell of plan.cells) expect(Object.keys(cell)).toEqual(["id", "levels", "discussions", "done"]);
    expect(plan.cells.filter((cell) => cell.discussions === 30)).toHaveLength(24);
    expect(plan.cells.filter((cell) => cell.discussions === 10)).toHaveLength(108);
    expect(plan.cells).toHaveLength(132);
    expect(new Set(plan.cells.map((cell) => cell.id)).size).toBe(132);
    expect(new Set(plan.cells.map((cell) => JSON.stringify(cell.levels))).size).toBe(132);
    expect(plan.totalDiscussions).toBe(1800);
    expect(existsSync(join(EXAMPLE, "moderation-study-output"))).toBe(false);
  });
});

describe.skipIf(!haveTestModels())("a study on the tiny models", () => {
  it("runs a slice of the example on GGUF and ONNX: a folder per cell, levels in every file, factor columns", async () => {
    const dir = exampleCopy((config) => {
      const models = config.models as Record<string, { backend: string; options: Record<string, unknown> }>;
      for (const entry of Object.values(models)) {
        entry.options = { ...entry.options, modelPath: modelPath("stories260K.gguf"), maxOutTokens: 24 };
      }
      models.llama8b = {
        backend: "transformers",
        options: { modelPath: modelPath("stories260K-onnx"), name: "stories-onnx", maxOutTokens: 24 },
      };
      (config.discussions as Record<string, unknown>).turns = 2;
      config.output = "./out";
    });
    const cells = "model=qwen7b,model=llama8b,moderation=none";
    const result = await runCli(["run", "study.yaml", "--replicates", "1", "--cells", cells], { cwd: dir });
    expect(result.stderr).toMatch(/cells: 2\/2 done/);
    expect(result.code).toBe(0);
    const byCell = cellFiles(join(dir, "out"));
    expect([...byCell.keys()]).toEqual([
      "model=llama8b,moderation=none,users=standard,personas=full,turns=weighted,seeds=seeded",
      "model=qwen7b,moderation=none,users=standard,personas=full,turns=weighted,seeds=seeded",
    ]);
    for (const [cell, files] of byCell) {
      expect(files.size).toBe(1);
      for (const file of files.values()) {
        const levels = Object.fromEntries(cell.split(",").map((pair) => pair.split("=")));
        expect(file.study).toMatchObject({ cell, levels });
        const spoken = (file.logs as { model: string }[]).filter((entry) => entry.model !== "hardcoded");
        expect(spoken.length).toBeGreaterThan(0);
        expect(spoken[0]?.model).toBe(levels.model === "llama8b" ? "stories-onnx" : "qwen2.5-7b-instruct");
        expect(file.moderator).toBeNull();
        // Seven users with random adjective-noun names, each with drawn instructions recorded.
        expect(file.users).toHaveLength(7);
        expect((file.experiment as { cast: unknown[] }).cast).toHaveLength(7);
      }
    }
    const manifest = JSON.parse(readFileSync(join(dir, "out", "study.json"), "utf8"));
    expect(manifest.cells).toHaveLength(132);

    const exported = await runCli(["export", "out", "--format", "csv", "--out", "rows.csv"], { cwd: dir });
    expect(exported.code).toBe(0);
    const columns = readFileSync(join(dir, "rows.csv"), "utf8").split("\n")[0]?.split(",") ?? [];
    for (const factor of ["model", "moderation", "users", "personas", "turns", "seeds"]) {
      expect(columns).toContain(`factor_${factor}`);
    }
    expect((await runCli(["export", "out", "--format", "jsonl", "--out", "rows.jsonl"], { cwd: dir })).code).toBe(0);
    const rows = readFileSync(join(dir, "rows.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(new Set(rows.map((row) => row.factor_model))).toEqual(new Set(["qwen7b", "llama8b"]));
    for (const row of rows) {
      expect(row.conv_variant).toBe(
        `model=${row.factor_model},moderation=none,users=standard,personas=full,turns=weighted,seeds=seeded`,
      );
    }
  });

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
});

/** A study with one factor, moderation, on stories260K (GGUF). */
function smallStudy(levels: string[], replicates: number): string {
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
output: ./out
seed: 5
`;
}
