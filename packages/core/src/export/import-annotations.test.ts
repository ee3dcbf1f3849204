import { cp, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { annotator, freshDir, participantPool, promptEchoModel } from "../../test/experiment-helpers.js";
import { AnnotationExperiment } from "../experiments/annotation-experiment.js";
import { DiscussionExperiment } from "../experiments/discussion-experiment.js";
import { type AnnotationRow, importAnnotations } from "./import-annotations.js";
import { importDiscussions } from "./import-discussions.js";

const UPSTREAM = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/upstream");

describe("importAnnotations", () => {
  it("reads upstream SynDisco's file with SynDisco's columns and the annotator's annot_ attributes", async () => {
    const root = await freshDir();
    await cp(join(UPSTREAM, "annotations"), join(root, "toxicity"), { recursive: true });
    const rows = await importAnnotations(root);
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0] as AnnotationRow)).toEqual([
      "conv_id",
      "timestamp",
      "annotator_model",
      "message",
      "message_id",
      "annotation",
      "ctx_length",
      "annotator",
      "annotation_variant",
      "annot_age",
      "annot_sex",
      "annot_sexual_orientation",
      "annot_demographic_group",
      "annot_current_employment",
      "annot_education_level",
      "annot_special_instructions",
      "annot_personality_characteristics",
    ]);
    expect(rows[1]).toEqual({
      conv_id: "98f03c72-b8e6-49aa-9c92-f6383d575ab4",
      timestamp: "25-06-12-16-02",
      annotator_model: "test_model",
      message: "Thanks for the warm welcome, Moderator! I'm excited to start fresh.",
      message_id: "6397d5ae983784a274f2c7d1dd86a04f",
      annotation: "1",
      ctx_length: 2,
      annotator: "Annotator1",
      annotation_variant: "toxicity",
      annot_age: 33,
      annot_sex: "female",
      annot_sexual_orientation: "Heterosexual",
      annot_demographic_group: "Asian",
      annot_current_employment: "Data Scientist",
      annot_education_level: "Master's",
      annot_special_instructions: "",
      annot_personality_characteristics: ["careful", "fair"],
    });
  });

  it("reads our annotation files, whose message ids match the discussions export", async () => {
    const discussionsDir = await freshDir();
    const annotationsDir = join(await freshDir(), "judges");
    const model = promptEchoModel();
    await new DiscussionExperiment({ users: participantPool(model), numDiscussions: 2, numTurns: 3, seed: 4 }).begin({
      outputDir: discussionsDir,
    });
    await new AnnotationExperiment({ annotators: [annotator(model, "Judge")] }).begin({
      discussionsDir,
      outputDir: annotationsDir,
    });
    const comments = await importDiscussions(discussionsDir);
    const rows = await importAnnotations(annotationsDir);
    expect(rows).toHaveLength(comments.length);
    expect(new Set(rows.map((row) => row.message_id))).toEqual(new Set(comments.map((row) => row.message_id)));
    for (const row of rows) {
      expect(row).toMatchObject({
        annotator: "Judge",
        annotator_model: "scripted",
        annotation_variant: "judges",
        ctx_length: 3,
        annot_age: 40,
        annot_education_level: "PhD",
      });
      expect(row.annotation).toMatch(/^I think [0-9a-f]{6} matters\.$/);
    }
  });

  it("refuses a missing folder and a file that is not an annotation, naming them", async () => {
    const missing = join(await freshDir(), "nope");
    await expect(importAnnotations(missing)).rejects.toThrow(`${missing}: cannot read the annotations folder (ENOENT)`);
    const dir = await freshDir();
    const stray = join(dir, "discussion.json");
    await cp(join(UPSTREAM, "guide", "98f03c72-b8e6-49aa-9c92-f6383d575ab4.json"), stray);
    await expect(importAnnotations(dir)).rejects.toThrow(`${stray}: conv_id: not a SynDisco annotation file`);
    await writeFile(stray, "[]");
    await expect(importAnnotations(dir)).rejects.toThrow(`${stray}: not a SynDisco annotation file`);
  });
});
