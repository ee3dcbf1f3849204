import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./helpers/cli-process.js";
import { readJsonFiles } from "./helpers/experiment-files.js";
import { experimentYaml, storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
/** A discussion and its annotation as SynDisco 2.2.1 writes them, made by hand (see their README). */
const UPSTREAM_22 = join(REPO_ROOT, "packages", "core", "test", "fixtures", "upstream-2.2");
const DISCUSSION_ID = "25-06-12-16-02-33";
const FIXTURE_TEXTS = [
  "Has anyone tried the new AI tools for game design?",
  'Not yet, "work" keeps me busy. Tell me more!',
  "Please keep it civil, everyone.",
  "They write whole levels now.",
];

const ANNOTATE_22_YAML = `models:
${storiesModelYaml()}annotation:
  model: main
  annotators:
    - persona: { username: Annotator1 }
      instructions: Rate the toxicity of the last comment from 1 to 5. Reply only with the number.
output: { dir: ./out, format: syndisco-2.2 }
seed: 3
`;

/** The keys of each entry of a SynDisco 2.2 file, in 2.2's order. */
const ENTRY_KEYS_22 = ["name", "text", "model", "prompt"];

function expect22Shape(file: Record<string, unknown>): void {
  expect(Object.keys(file)).toEqual(["timestamp", "logs"]);
  for (const entry of file.logs as Record<string, unknown>[]) expect(Object.keys(entry)).toEqual(ENTRY_KEYS_22);
}

function csvLines(path: string): string[] {
  return readFileSync(path, "utf8").trim().split("\n");
}

describe.skipIf(!haveTestModels())("a folder of SynDisco 2.2 files written by hand", () => {
  it("is annotated (into 2.2 files with sidecars), exported and viewed", async () => {
    const dir = tempDir();
    cpSync(join(UPSTREAM_22, "discussions"), join(dir, "d22"), { recursive: true });
    cpSync(join(UPSTREAM_22, "annotations"), join(dir, "a22"), { recursive: true });
    writeFileSync(join(dir, "annotate.yaml"), ANNOTATE_22_YAML);

    const annotate = await runCli(["annotate", "annotate.yaml", "--discussions-dir", "d22"], { cwd: dir });
    expect(annotate.stderr).not.toMatch(/error/i);
    expect(annotate.code).toBe(0);
    const annotations = readJsonFiles(join(dir, "out", "annotations"));
    const [name, annotation] = [...annotations].find(([file]) => !file.endsWith(".meta.json")) ?? [];
    expect(name).toMatch(new RegExp(`^annotation-Annotator1-${DISCUSSION_ID}-[0-9a-f]{8}\\.json$`));
    expect22Shape(annotation as Record<string, unknown>);
    const logs = (annotation as { logs: { name: string; model: string }[] }).logs;
    expect(logs.map((entry) => entry.name)).toEqual(["Giannis", "Zoë", "Moderator", "Giannis"]);
    expect(logs.every((entry) => entry.model === "stories260K")).toBe(true);
    expect(annotations.get(name?.replace(/\.json$/, ".meta.json") ?? "")).toMatchObject({ conv_id: DISCUSSION_ID });

    // Our 2.2 annotations read back with their sidecars: no discussions folder needed.
    const ours = await runCli(["export", "out/annotations", "--format", "jsonl", "--out", "ours.jsonl"], { cwd: dir });
    expect(ours.stderr).toBe("");
    expect(ours.stdout).toMatch(/Wrote 4 annotation rows to ours\.jsonl/);
    const oursRows = csvLines(join(dir, "ours.jsonl")).map((line) => JSON.parse(line));
    expect(oursRows.map((row) => [row.conv_id, row.message, row.message_order])).toEqual(
      FIXTURE_TEXTS.map((text, index) => [DISCUSSION_ID, text, index + 1]),
    );

    // A hand-written 2.2 annotation holds no comments: it is matched by position to the discussions named.
    const missing = await runCli(["export", "a22", "--out", "theirs.csv"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /25-06-12-16-05-10\.json: a SynDisco 2\.2 annotation file does not hold the comments/,
    );
    const theirs = await runCli(["export", "a22", "--discussions", "d22", "--out", "theirs.csv"], { cwd: dir });
    expect(theirs.stderr).toBe("");
    expect(csvLines(join(dir, "theirs.csv"))).toHaveLength(1 + 4);

    const comments = await runCli(["export", "d22", "--format", "jsonl", "--out", "comments.jsonl"], { cwd: dir });
    expect(comments.code).toBe(0);
    const commentRows = csvLines(join(dir, "comments.jsonl")).map((line) => JSON.parse(line));
    expect(commentRows.map((row) => [row.user, row.is_moderator])).toEqual([
      ["Giannis", false],
      ["Zoë", false],
      ["Moderator", true],
      ["Giannis", false],
    ]);
    // The same comments, so the same message ids, as the annotation rows.
    expect(commentRows.map((row) => row.message_id)).toEqual(oursRows.map((row) => row.message_id));

    const viewDiscussion = await runCli(["view", `d22/${DISCUSSION_ID}.json`], { cwd: dir });
    expect(viewDiscussion.code).toBe(0);
    expect(viewDiscussion.stdout).toMatch(/Users: +Giannis, Zoë, Moderator\nModerator: Moderator/);
    const viewOurs = await runCli(["view", `out/annotations/${name}`], { cwd: dir });
    expect(viewOurs.code).toBe(0);
    expect(viewOurs.stdout).toMatch(new RegExp(`Annotation of discussion ${DISCUSSION_ID}`));
    expect(viewOurs.stdout).toContain("User Moderator posted:\n  Please keep it civil, everyone.");
    const viewTheirs = await runCli(["view", "a22/25-06-12-16-05-10.json", "--discussions", "d22"], { cwd: dir });
    expect(viewTheirs.code).toBe(0);
    expect(viewTheirs.stdout).toContain("User Zoë posted:");
  });
});

describe.skipIf(!haveTestModels())("syndisco run with output.format: syndisco-2.2", () => {
  it("writes 2.2 files with sidecars, resumes from them, and exports, views, counts (stats) and reports them", async () => {
    const dir = tempDir();
    const yaml = experimentYaml(storiesModelYaml()).replace(
      "output: ./out\n",
      "output: { dir: ./out, format: syndisco-2.2 }\n",
    );
    writeFileSync(join(dir, "experiment.yaml"), yaml);
    const run = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);

    for (const folder of ["discussions", "annotations"]) {
      const names = readdirSync(join(dir, "out", folder)).filter((file) => !file.startsWith("."));
      const files = names.filter((file) => !file.endsWith(".meta.json"));
      expect(files).toHaveLength(2);
      expect(names.sort()).toEqual(files.flatMap((file) => [file, file.replace(/\.json$/, ".meta.json")]).sort());
      for (const file of files) {
        expect22Shape(JSON.parse(readFileSync(join(dir, "out", folder, file), "utf8")) as Record<string, unknown>);
      }
    }

    const again = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(again.code).toBe(0);
    writeFileSync(join(dir, "other.yaml"), yaml.replace("format: syndisco-2.2", "format: syndisco-2.0"));
    const changed = await runCli(["run", "other.yaml"], { cwd: dir });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/holds the output of a different experiment \(it differs in: format\)/);

    const exported = await runCli(["export", "out", "--format", "jsonl", "--out", "d.jsonl"], { cwd: dir });
    expect(exported.code).toBe(0);
    const rows = csvLines(join(dir, "d.jsonl")).map((line) => JSON.parse(line));
    // The sidecar gives back what 2.2's shape has no room for: the UUID, the moderator, the history length.
    expect(rows[0]).toMatchObject({ conv_id: expect.stringMatching(/^[0-9a-f-]{36}$/), ctx_length: 2 });
    expect(rows.some((row) => row.user === "Moderator" && row.is_moderator === true)).toBe(true);
    const annotations = await runCli(["export", "out", "--annotations", "--out", "a.csv"], { cwd: dir });
    expect(annotations.code).toBe(0);
    // stats and report join the annotations to their comments through the sidecars.
    const stats = await runCli(["stats", "out"], { cwd: dir });
    expect(stats.stderr).toBe("");
    expect(stats.stdout).toMatch(/Annotator1/);
    const report = await runCli(["report", "out", "--out", "report.html"], { cwd: dir });
    expect(report.code).toBe(0);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("Moderator");

    const discussion = readdirSync(join(dir, "out", "discussions")).find(
      (file) => file.endsWith(".json") && !file.endsWith(".meta.json"),
    );
    const view = await runCli(["view", `out/discussions/${discussion}`], { cwd: dir });
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/^Discussion [0-9a-f-]{36}\n/);
    expect(view.stdout).toMatch(/Moderator: Moderator/);
  });
});
