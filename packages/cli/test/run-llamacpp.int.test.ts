import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { ANNOTATION_KEYS, DISCUSSION_KEYS, readJsonFiles } from "./helpers/experiment-files.js";
import { experimentYaml, storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** The columns the export documents for comments and for annotations. */
const DISCUSSION_COLUMNS = [
  "conv_id",
  "timestamp",
  "ctx_length",
  "conv_variant",
  "user",
  "message",
  "model",
  "is_moderator",
  "message_id",
  "message_order",
];
const ANNOTATION_COLUMNS = ["conv_id", "annotator_model", "annotation"];

function csvHeader(file: string): string[] {
  return (readFileSync(file, "utf8").split(/\r?\n/)[0] ?? "").split(",");
}

describe.skipIf(!haveTestModels())("syndisco run through llama.cpp on stories260K", () => {
  it("writes SynDisco's discussion and annotation files, exports them, and resumes without repeating", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "experiment.yaml"),
      experimentYaml(storiesModelYaml(), { count: 2, turns: 3, concurrency: 2 }),
    );

    const run = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    // Output is not a terminal here: progress comes as plain lines on stderr.
    expect(run.stderr).toMatch(/discussions: 2 planned, 0 already done, 2 to run/);
    expect(run.stderr).toMatch(/discussions: 2\/2 done/);
    expect(run.stdout).toMatch(/Discussions: 2\/2 done, 0 failed/);
    expect(run.stdout).toMatch(/Annotations: 2\/2 done, 0 failed/);
    // llama.cpp says how many prompt tokens it evaluated; the annotator's system prompt came from its cache.
    expect(run.stdout).toMatch(/\d+ prompt tokens evaluated per annotated comment \((\d|[1-8]\d)% of the prompts\)/);

    const discussions = readJsonFiles(join(dir, "out", "discussions"));
    expect(discussions.size).toBe(2);
    let comments = 0;
    for (const discussion of discussions.values()) {
      for (const key of DISCUSSION_KEYS) expect(discussion).toHaveProperty(key);
      expect(discussion.moderator).toBe("Moderator");
      expect(discussion.ctx_length).toBe(2);
      const logs = discussion.logs as { name: string; text: string; model: string }[];
      expect(logs[0]).toMatchObject({ text: "Once upon a time there was a big red ball.", model: "hardcoded" });
      expect(logs.filter((entry) => entry.model === "stories260K").length).toBeGreaterThanOrEqual(3);
      expect(logs.some((entry) => entry.model === "stories260K" && entry.text.length > 0)).toBe(true);
      comments += logs.length;
    }

    const annotations = readJsonFiles(join(dir, "out", "annotations"));
    expect(annotations.size).toBe(2);
    const discussionIds = [...discussions.values()].map((discussion) => discussion.id).sort();
    expect([...annotations.values()].map((annotation) => annotation.conv_id).sort()).toEqual(discussionIds);
    for (const annotation of annotations.values()) {
      for (const key of ANNOTATION_KEYS) expect(annotation).toHaveProperty(key);
      expect(annotation.annotator_model).toBe("stories260K");
    }

    const csv = join(dir, "comments.csv");
    const exported = await runCli(["export", "out", "--format", "csv", "--out", csv], { cwd: dir });
    expect(exported.code).toBe(0);
    expect(csvHeader(csv)).toEqual(expect.arrayContaining([...DISCUSSION_COLUMNS, "age", "current_employment"]));
    expect(exported.stdout).toMatch(new RegExp(`Wrote ${comments} comment rows`));

    const labels = join(dir, "labels.jsonl");
    const exportedLabels = await runCli(["export", "out", "--annotations", "--format", "jsonl", "--out", labels], {
      cwd: dir,
    });
    expect(exportedLabels.code).toBe(0);
    const rows = readFileSync(labels, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.length).toBeGreaterThan(0);
    for (const column of ANNOTATION_COLUMNS) expect(rows[0]).toHaveProperty(column);

    const [firstName] = [...discussions.keys()];
    const view = await runCli(["view", join("out", "discussions", firstName ?? "")], { cwd: dir });
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/User Emma35 posted:|User Giannis posted:|User Margaret_T posted:/);

    const before = [...discussions.keys()].map((name) => statSync(join(dir, "out", "discussions", name)).mtimeMs);
    const again = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Discussions: 2\/2 done \(2 from an earlier run\), 0 failed/);
    expect(again.stdout).toMatch(/Annotations: 2\/2 done \(2 from an earlier run\), 0 failed/);
    const after = [...discussions.keys()].map((name) => statSync(join(dir, "out", "discussions", name)).mtimeMs);
    expect(after).toEqual(before);
  });
});
