import { AutoTokenizer } from "@huggingface/transformers";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-logger.js";
import { randomModelWithTemplate, temporaryFolder } from "../test/model-folders.js";
import { TransformersModel } from "./transformers-model.js";

const CHAT = [
  { role: "system" as const, content: "You are Emma35" },
  { role: "user" as const, content: "User Giannis posted:\nHello" },
];
// What the template of tiny-random-llama (<|role|>\ncontent</s>\n per message, then <|assistant|>\n) makes of CHAT.
const RENDERED = "<|system|>\nYou are Emma35</s>\n<|user|>\nUser Giannis posted:\nHello</s>\n<|assistant|>\n";

describe.skipIf(!haveTestModels())("tiny-random-llama-onnx with its chat template", () => {
  const folder = temporaryFolder("random-llama");
  const log = captureLog();
  let model: TransformersModel;
  let template: string;

  beforeAll(async () => {
    const prepared = randomModelWithTemplate(folder.path);
    template = prepared.template;
    model = await TransformersModel.load({
      modelPath: prepared.path,
      name: "random",
      maxOutTokens: 8,
      logger: log.logger,
    });
  });
  afterAll(async () => {
    await model.dispose();
    folder.remove();
  });

  it("formats prompts with the tokenizer's template, without a warning", () => {
    expect(model.promptFormat).toBe("tokenizer-template");
    expect(model.formatPrompt(CHAT)).toBe(RENDERED);
    expect(log.warnings()).toEqual([]);
  });

  it("generates from the templated prompt, with one begin-of-sequence token", async () => {
    const reply = await model.prompt(CHAT);
    const tokenizer = await AutoTokenizer.from_pretrained(folder.path, { local_files_only: true });
    // The tokenizer's own tokenization of the rendered text, which starts with its BOS token.
    expect(reply.promptTokens).toBe(tokenizer.encode(RENDERED).length);
    expect(reply).toMatchObject({ completionTokens: 8, finishReason: "length" });
  });

  it("gives the same reply as the same template passed as a Jinja string", async () => {
    const explicit = await TransformersModel.load({
      modelPath: folder.path,
      name: "random-explicit",
      maxOutTokens: 8,
      chatTemplate: template,
    });
    try {
      expect(explicit.promptFormat).toBe("custom-template");
      expect(explicit.formatPrompt(CHAT)).toBe(RENDERED);
      expect(await explicit.prompt(CHAT)).toEqual(await model.prompt(CHAT));
    } finally {
      await explicit.dispose();
    }
  });

  it('uses "plain" and "raw" when asked, whatever the tokenizer has', async () => {
    const plain = await TransformersModel.load({
      modelPath: folder.path,
      name: "random-plain",
      maxOutTokens: 4,
      chatTemplate: "plain",
    });
    try {
      expect(plain.formatPrompt(CHAT)).toBe("System: You are Emma35\nUser: User Giannis posted:\nHello\nAssistant:");
    } finally {
      await plain.dispose();
    }
  });

  it("warns once when a prompt plus maxOutTokens exceeds the model's context of 256 tokens", async () => {
    const before = log.warnings().length;
    await model.prompt(CHAT, { maxOutTokens: 200 });
    await model.prompt(CHAT, { maxOutTokens: 200 });
    const added = log.warnings().slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/needs \d+ tokens, more than the 256 the model was trained on/);
  });
});
