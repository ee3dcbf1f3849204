import {
  ANNOTATOR_STOP_STRINGS,
  type AnswerForm,
  answerJsonSchema,
  type ChatMessage,
  InputError,
  parseAnswer,
} from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-log.js";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";
import type { ChatTemplateOption } from "./options.js";

const FORMS: Record<string, AnswerForm> = {
  scale: { type: "scale", min: 1, max: 5 },
  // Every label holds a stop string of annotators ("###"): a reply cut at a stop string could not be valid.
  label: { type: "label", labels: ["### toxic", "### not toxic", 'says "rude" \\ ###'] },
  json: {
    type: "json",
    fields: { toxicity: "integer", confidence: "number", insult: "boolean", target: ["person", "group", "none"] },
  },
};

// Short, because the random model spends one token per byte and holds only 256 tokens.
const CHAT: ChatMessage[] = [
  { role: "system", content: "Rate the comment." },
  { role: "user", content: "User Anna posted:\nYou are wrong." },
];

/** Greedy decoding, then sampling hot enough to wander, with a few seeds. */
const DECODINGS = [
  { temperature: 0, seed: undefined },
  { temperature: 1.5, seed: 1 },
  { temperature: 1.5, seed: 7 },
  { temperature: 1.5, seed: 42 },
];

const SETUPS: { file: "stories260K.gguf" | "tiny-random-llama.gguf"; chatTemplate: ChatTemplateOption }[] = [
  { file: "stories260K.gguf", chatTemplate: "plain" },
  { file: "stories260K.gguf", chatTemplate: "raw" },
  { file: "tiny-random-llama.gguf", chatTemplate: "auto" },
  { file: "tiny-random-llama.gguf", chatTemplate: "plain" },
];

describe.skipIf(!haveTestModels())("constrained answers through llama.cpp", () => {
  describe.each(SETUPS)("$file with chatTemplate $chatTemplate", ({ file, chatTemplate }) => {
    const models = new Map<number, LlamaCppModel>();
    beforeAll(async () => {
      for (const { temperature } of DECODINGS) {
        if (!models.has(temperature)) {
          models.set(temperature, await loadTestModel(file, { chatTemplate, temperature, maxOutTokens: 150 }));
        }
      }
    });
    afterAll(async () => {
      for (const model of models.values()) await model.dispose();
    });

    it.each(Object.entries(FORMS))("every %s reply is exactly a valid answer", async (_name, form) => {
      const schema = answerJsonSchema(form);
      for (const { temperature, seed } of DECODINGS) {
        const model = models.get(temperature) as LlamaCppModel;
        const reply = await model.prompt(CHAT, {
          stop: ANNOTATOR_STOP_STRINGS,
          responseSchema: schema,
          ...(seed === undefined ? {} : { seed }),
        });
        const context = `temperature ${temperature}, seed ${seed}: ${JSON.stringify(reply.text)}`;
        expect(parseAnswer(form, reply.text), context).toMatchObject({ valid: true });
        // Not merely readable by the lenient parser: the whole reply is the JSON object, with the schema's keys.
        expect(Object.keys(JSON.parse(reply.text)), context).toEqual(Object.keys(schema.properties as object));
        expect(reply.finishReason, context).toBe("stop");
      }
    });
  });

  it("fills a free-text field of a json form on stories260K, which ends its strings", async () => {
    // Only a pretrained model closes a string by itself: the random one writes bytes until the limit.
    const form: AnswerForm = { type: "json", fields: { reason: "string", toxic: "boolean" } };
    const greedy = await loadTestModel("stories260K.gguf", { chatTemplate: "plain", maxOutTokens: 150 });
    const sampled = await loadTestModel("stories260K.gguf", {
      chatTemplate: "plain",
      maxOutTokens: 150,
      temperature: 0.8,
    });
    const runs = [{ model: greedy, seed: undefined }, ...[3, 5, 11].map((seed) => ({ model: sampled, seed }))];
    try {
      for (const { model, seed } of runs) {
        const reply = await model.prompt(CHAT, { responseSchema: answerJsonSchema(form), ...(seed ? { seed } : {}) });
        const parsed = parseAnswer(form, reply.text);
        expect(parsed, reply.text).toMatchObject({ valid: true, value: { reason: expect.any(String) } });
      }
    } finally {
      await greedy.dispose();
      await sampled.dispose();
    }
  });

  it("greedy constrained decoding is repeatable, and differs from the unconstrained reply", async () => {
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "plain", maxOutTokens: 60 });
    try {
      // What `syndisco serve` checks before it passes a response_format on.
      expect(model.supportsResponseSchema).toBe(true);
      const responseSchema = answerJsonSchema(FORMS.scale as AnswerForm);
      const first = await model.prompt(CHAT, { responseSchema });
      const second = await model.prompt(CHAT, { responseSchema });
      const free = await model.prompt(CHAT);
      expect(second.text).toBe(first.text);
      expect(free.text).not.toBe(first.text);
    } finally {
      await model.dispose();
    }
  });

  it("serves concurrent constrained calls on parallel sequences with one grammar", async () => {
    const model = await loadTestModel("tiny-random-llama.gguf", { parallel: 2, temperature: 1, maxOutTokens: 60 });
    try {
      const form = FORMS.label as AnswerForm;
      const replies = await Promise.all(
        [1, 2, 3, 4].map((seed) => model.prompt(CHAT, { responseSchema: answerJsonSchema(form), seed })),
      );
      for (const reply of replies) expect(parseAnswer(form, reply.text)).toMatchObject({ valid: true });
    } finally {
      await model.dispose();
    }
  });

  describe("errors and warnings", () => {
    let model: LlamaCppModel;
    const log = captureLog();
    beforeAll(async () => {
      model = await loadTestModel("tiny-random-llama.gguf", { maxOutTokens: 10, logger: log.logger });
    });
    afterAll(() => model.dispose());

    it("refuses a maxOutTokens that cannot hold the answer, before generating", async () => {
      const error = await model
        .prompt(CHAT, { responseSchema: answerJsonSchema(FORMS.label as AnswerForm) })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("maxOutTokens");
      // The longest label's compact answer has 33 bytes. This model has a token for each byte only, and its
      // tokenizer writes each of the 3 spaces, and the one it puts in front, as "▁" (3 bytes): 42 tokens.
      expect((error as InputError).message).toBe(
        `maxOutTokens: 10 tokens cannot hold the answer {"answer":"says \\"rude\\" \\\\ ###"} (42 tokens with this model). ` +
          "Raise maxOutTokens to at least 42, with room to spare for spaces and line breaks, and more for free text or numbers in a json answer form",
      );
      const reply = await model.prompt(CHAT, {
        responseSchema: answerJsonSchema(FORMS.label as AnswerForm),
        maxOutTokens: 60,
      });
      expect(parseAnswer(FORMS.label as AnswerForm, reply.text).valid).toBe(true);
    });

    it("refuses a prompt that leaves the context too little room for the answer, naming contextSize", async () => {
      // One token per letter in this model, whose context holds 256 tokens: the chat template adds 31, which
      // leaves 9 tokens, and the answer {"answer":1} takes 15.
      const long: ChatMessage[] = [{ role: "user", content: "a".repeat(215) }];
      const error = await model
        .prompt(long, { responseSchema: answerJsonSchema(FORMS.scale as AnswerForm), maxOutTokens: 40 })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("contextSize");
      expect((error as InputError).message).toMatch(
        /^contextSize: the prompt has 246 tokens, which leaves 9 in contextSize 256: too few for the answer \{"answer":1\} \(15 tokens with this model\)\. Raise contextSize/,
      );
    });

    it("names answerForm when node-llama-cpp cannot make a grammar from the schema", async () => {
      const responseSchema = { type: "object", properties: { answer: { enum: [{ nested: true }] } } };
      const error = await model.prompt(CHAT, { responseSchema }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("answerForm");
      expect((error as InputError).message).toMatch(
        /^answerForm: node-llama-cpp cannot make a grammar from the answer's JSON schema \{.*\}: Unrecognized literal type: object\. Use a scale/,
      );
    });

    it("warns once that a wide scale's bounds are not enforced by the grammar", async () => {
      const form: AnswerForm = { type: "scale", min: 0, max: 1000 };
      for (let call = 0; call < 2; call++) {
        const reply = await model.prompt(CHAT, { responseSchema: answerJsonSchema(form), maxOutTokens: 40 });
        expect(Number.isInteger(JSON.parse(reply.text).answer)).toBe(true);
      }
      const warnings = log.warnings().filter((message) => message.includes("grammar"));
      expect(warnings).toEqual([
        "the llama.cpp grammar cannot enforce minimum, maximum of the answer's JSON schema; answers that break them are caught by the answer check and asked again",
      ]);
    });
  });
});
