import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { REPO_ROOT, runCli } from "./helpers/cli-process.js";
import { cellFiles } from "./helpers/experiment-files.js";
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

/** The example's seed threads, read from its CSV by the test itself: each thread's comments, in order. */
const THREADS = (() => {
  const rows = parseCsv(readFileSync(join(EXAMPLE, "threads.csv"), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
  const threads = new Map<string, { position: number; name: string; text: string }[]>();
  for (const row of rows) {
    const thread = threads.get(row.thread as string) ?? [];
    thread.push({ position: Number(row.position), name: row.author as string, text: row.comment as string });
    threads.set(row.thread as string, thread);
  }
  return [...threads.values()].map((thread) =>
    thread.sort((a, b) => a.position - b.position).map(({ name, text }) => ({ name, text })),
  );
})();

describe("the moderation-study example", () => {
  it("plans 24 main cells of 30 and 108 ablation cells of 10, 1,800 discussions, no cell twice, offline", async () => {
    // No network: the hub the six models come from refuses connections (port 9 has no server here).
    const result = await runCli(["run", "examples/moderation-study/study.yaml", "--dry-run", "--json"], {
      cwd: REPO_ROOT,
      env: { MODEL_ENDPOINT: "http://127.0.0.1:9/" },
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
    // Each model that could not be checked is named on stderr, with the reason.
    for (const model of ["qwen7b", "llama8b", "mistral12b", "gemma9b", "phi3mini", "llama70b"]) {
      expect(result.stderr).toContain(`warning: the model "${model}" could not be checked`);
    }
    expect(result.stderr).toContain("http://127.0.0.1:9 is unreachable");
    expect(existsSync(join(EXAMPLE, "moderation-study-output"))).toBe(false);
  });

  it("the run itself stops on the same unreachable hub, exit 2, before anything is written", async () => {
    const dir = exampleCopy((config) => {
      config.output = "./out";
    });
    const result = await runCli(["run", "study.yaml", "--replicates", "1"], {
      cwd: dir,
      env: { MODEL_ENDPOINT: "http://127.0.0.1:9/" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /study\.yaml: models\.qwen7b\.options\.modelPath: the model hf:bartowski\/Qwen2\.5-7B-Instruct-GGUF:Q4_K_M is not in the cache folder .* cannot be downloaded: http:\/\/127\.0\.0\.1:9 is unreachable/,
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe.skipIf(!haveTestModels())("a slice of the example on the tiny models", () => {
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
        // It opens with a thread of threads.csv: its two comments in order, each by the author the CSV names.
        const opening = (file.logs as { name: string; text: string; model: string }[]).slice(0, 2);
        expect(opening.map((entry) => entry.model)).toEqual(["hardcoded", "hardcoded"]);
        expect(THREADS).toContainEqual(opening.map(({ name, text }) => ({ name, text })));
        // Seven users with random adjective-noun names, each with drawn instructions recorded.
        expect(file.users).toHaveLength(7);
        for (const { name } of opening) expect(file.users).not.toContain(name);
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
});
