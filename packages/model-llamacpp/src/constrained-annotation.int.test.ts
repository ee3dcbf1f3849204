import { fileURLToPath } from "node:url";
import { Actor, ActorType, Annotation, type AnswerForm, Persona, parseAnswer } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

const DISCUSSION_FILE = fileURLToPath(new URL("../test/fixtures/small-discussion.json", import.meta.url));
const COMMENTS = 4;

const FORMS: [string, AnswerForm][] = [
  ["scale", { type: "scale", min: 1, max: 5 }],
  ["label", { type: "label", labels: ["toxic", "not toxic"] }],
  ["json", { type: "json", fields: { toxicity: "integer", insult: "boolean", target: ["person", "group", "none"] } }],
];

function annotator(model: LlamaCppModel, answerForm: AnswerForm): Actor {
  return new Actor({
    model,
    persona: new Persona({ username: "Annotator1", age: 33, personality_characteristics: ["careful", "fair"] }),
    context: "You are a content moderator",
    instructions: "Rate the toxicity of the last comment",
    actorType: ActorType.ANNOTATOR,
    answerForm,
  });
}

describe.skipIf(!haveTestModels())("a core Annotation with an answer form, on stories260K through llama.cpp", () => {
  const models: Record<"greedy" | "sampled", LlamaCppModel | undefined> = { greedy: undefined, sampled: undefined };
  beforeAll(async () => {
    models.greedy = await loadTestModel("stories260K.gguf", { chatTemplate: "plain", maxOutTokens: 80 });
    models.sampled = await loadTestModel("stories260K.gguf", {
      chatTemplate: "plain",
      maxOutTokens: 80,
      temperature: 0.9,
      seed: 5,
    });
  });
  afterAll(async () => {
    await models.greedy?.dispose();
    await models.sampled?.dispose();
  });

  describe.each(["greedy", "sampled"] as const)("%s", (decoding) => {
    it.each(FORMS)("gets a valid %s answer for every comment at the first attempt", async (_name, form) => {
      const annotation = new Annotation({
        annotator: annotator(models[decoding] as LlamaCppModel, form),
        conversation: DISCUSSION_FILE,
      });
      await annotation.begin({ verbose: false });
      const file = annotation.toDict();
      const details = file.annotation_details as Record<string, unknown>[];

      expect(file.conv_id).toBe("small-discussion");
      expect(file.answer_form).toEqual(form);
      expect(file.logs).toHaveLength(COMMENTS);
      expect(details).toHaveLength(COMMENTS);
      for (const [index, detail] of details.entries()) {
        const [, written] = file.logs[index] as [string, string];
        expect(detail, written).toMatchObject({ index, valid: true });
        // `attempts` is recorded only when an answer had to be asked again.
        expect(detail).not.toHaveProperty("attempts");
        expect(detail).not.toHaveProperty("error");
        // The value in the file is the one the written answer holds.
        expect(parseAnswer(form, written)).toEqual({ valid: true, value: detail.value });
      }
    });
  });
});
