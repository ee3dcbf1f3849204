import { cp, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { annotator, freshDir, participantPool, promptEchoModel } from "../../test/experiment-helpers.js";
import { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { AnnotationExperiment } from "../experiments/annotation-experiment.js";
import { DiscussionExperiment } from "../experiments/discussion-experiment.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
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
      "message_order",
      "annotation",
      "annotation_value",
      "annotation_valid",
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
      message_order: null,
      annotation: "1",
      annotation_value: 1,
      annotation_valid: null,
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

  it("gives the annotations of a study's discussions their cell and one column per factor, after SynDisco's", async () => {
    const outputDir = await freshDir();
    const model = promptEchoModel();
    const levels = { model: "small", moderation: "none" };
    const cell = "model=small,moderation=none";
    await new DiscussionExperiment({
      users: participantPool(model),
      numDiscussions: 2,
      numTurns: 2,
      seed: 4,
      metadata: { study: { cell, levels, sets: ["main"] } },
    }).begin({ outputDir: join(outputDir, "discussions", cell) });
    await new AnnotationExperiment({ annotators: [annotator(model, "Judge")] }).begin({
      discussionsDir: join(outputDir, "discussions", cell),
      outputDir: join(outputDir, "annotations", cell),
    });
    const rows = await importAnnotations(join(outputDir, "annotations"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const columns = Object.keys(row);
      expect(columns.slice(columns.indexOf("annotation_variant"), columns.indexOf("annotation_variant") + 4)).toEqual([
        "annotation_variant",
        "factor_model",
        "factor_moderation",
        "annot_age",
      ]);
      expect(row).toMatchObject({ annotation_variant: cell, factor_model: "small", factor_moderation: "none" });
    }
  });

  it("adds each comment's position and the parsed answer of an annotator with an answer form", async () => {
    const discussionsDir = await freshDir();
    const annotationsDir = await freshDir();
    const model = promptEchoModel();
    await new DiscussionExperiment({ users: participantPool(model), numDiscussions: 2, numTurns: 3, seed: 4 }).begin({
      outputDir: discussionsDir,
    });
    // Comments whose text has an even last hex digit get a 4; the others an answer that never fits the scale.
    const judge = new Actor({
      model: new ScriptedModel({
        replies: (messages) => {
          const prompt = messages.at(-1)?.content ?? "";
          const judged = prompt.slice(prompt.lastIndexOf("posted:\n")).split("\n")[1] ?? "";
          return /[02468ace] matters\.$/.test(judged) ? "4" : "banana";
        },
      }),
      persona: new Persona({ username: "Judge" }),
      context: "You are a content moderator",
      instructions: "Rate the toxicity of the last comment",
      actorType: ActorType.ANNOTATOR,
      answerForm: { type: "scale", min: 1, max: 5 },
    });
    await new AnnotationExperiment({ annotators: [judge] }).begin({ discussionsDir, outputDir: annotationsDir });
    const comments = await importDiscussions(discussionsDir);
    const rows = await importAnnotations(annotationsDir);
    expect(rows).toHaveLength(comments.length);
    for (const row of rows) {
      const comment = comments.find(
        (entry) => entry.conv_id === row.conv_id && entry.message_order === row.message_order,
      );
      expect(comment?.message).toBe(row.message);
      const fits = /[02468ace] matters\.$/.test(row.message);
      expect(row).toMatchObject(
        fits
          ? { annotation: "4", annotation_value: 4, annotation_valid: true }
          : { annotation: "banana", annotation_value: null, annotation_valid: false },
      );
    }
    expect(new Set(rows.map((row) => row.annotation_valid))).toEqual(new Set([true, false]));
  });

  it("refuses a missing folder and a file that is not an annotation, naming them", async () => {
    const missing = join(await freshDir(), "nope");
    await expect(importAnnotations(missing)).rejects.toThrow(
      `${missing}: cannot read the annotations folder (it does not exist, ENOENT)`,
    );
    const dir = await freshDir();
    const stray = join(dir, "discussion.json");
    await cp(join(UPSTREAM, "guide", "98f03c72-b8e6-49aa-9c92-f6383d575ab4.json"), stray);
    await expect(importAnnotations(dir)).rejects.toThrow(
      `${stray}: conv_id: not a SynDisco 2.0 annotation file (missing keys: conv_id, annotator_model, annotator_prompt)`,
    );
    await writeFile(stray, "[]");
    await expect(importAnnotations(dir)).rejects.toThrow(`${stray}: not a SynDisco annotation file`);
  });
});
