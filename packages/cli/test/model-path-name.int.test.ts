import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { readJsonFiles } from "./helpers/experiment-files.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const STORIES = modelPath("stories260K.gguf");
const HUB_MODEL = "hf:bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M";

/** The models that wrote the comments and annotations of an output folder (the seed opinions aside). */
function recordedModels(outputDir: string): Set<string> {
  const models = new Set<string>();
  for (const file of readJsonFiles(join(outputDir, "discussions")).values()) {
    for (const entry of file.logs as { model: string }[]) if (entry.model !== "hardcoded") models.add(entry.model);
  }
  for (const file of readJsonFiles(join(outputDir, "annotations")).values()) models.add(String(file.annotator_model));
  return models;
}

describe.skipIf(!haveTestModels())("syndisco run --model-path on the example of syndisco init", () => {
  it("records the model that ran, says so on stderr, and refuses to resume a run recorded under the old name", async () => {
    const dir = tempDir();
    expect((await runCli(["init", "x"], { cwd: dir })).code).toBe(0);
    const configFile = join(dir, "x", "syndisco.yaml");
    const example = readFileSync(configFile, "utf8").replace("count: 4", "count: 1").replace("turns: 6", "turns: 2");
    expect(example).toContain(`modelPath: ${HUB_MODEL}`);

    // The config itself names the file: its name for that model is the user's, and stays.
    writeFileSync(configFile, example.replace(`modelPath: ${HUB_MODEL}`, `modelPath: ${JSON.stringify(STORIES)}`));
    const named = await runCli(["run", "x/syndisco.yaml", "--model-path", STORIES], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.stderr).not.toMatch(/recorded as/);
    expect(recordedModels(join(dir, "x", "syndisco-output"))).toEqual(new Set(["llama-3.2-1b-instruct"]));

    // The example as written names a hub model: the file given instead is what the output records.
    writeFileSync(configFile, example);
    const replaced = await runCli(["run", "x/syndisco.yaml", "--model-path", STORIES, "-o", "replaced"], { cwd: dir });
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toContain(
      `note: model main now runs ${STORIES}; recorded as "stories260K", not "llama-3.2-1b-instruct"\n`,
    );
    expect(recordedModels(join(dir, "replaced"))).toEqual(new Set(["stories260K"]));
    const csv = await runCli(["export", "replaced", "--format", "csv", "--out", "rows.csv"], { cwd: dir });
    expect(csv.code).toBe(0);
    const rows = readFileSync(join(dir, "rows.csv"), "utf8");
    expect(rows).toContain("stories260K");
    expect(rows).not.toContain("llama-3.2-1b-instruct");

    // A folder written under the config's name (as runs with --model-path were before) is not resumed.
    const resumed = await runCli(["run", "x/syndisco.yaml", "--model-path", STORIES], { cwd: dir });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/holds the output of a different experiment \(it differs in: [^)]*\)/);
  });
});
