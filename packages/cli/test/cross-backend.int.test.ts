import type { ChatMessage } from "@syndisco/core";
import { LlamaCppModel } from "@syndisco/model-llamacpp";
import { TransformersModel } from "@syndisco/model-transformers";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The same stories260K weights as GGUF (llama.cpp) and as ONNX (transformers.js): greedy decoding of the same
// prompt tokens must give the same text on both backends.
describe.skipIf(!haveTestModels())("llama.cpp and transformers.js on stories260K", () => {
  let llama: LlamaCppModel;
  let onnx: TransformersModel;

  beforeAll(async () => {
    llama = await LlamaCppModel.load({
      modelPath: modelPath("stories260K.gguf"),
      name: "stories-gguf",
      maxOutTokens: 50,
      chatTemplate: "raw",
      temperature: 0,
    });
    onnx = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "stories-onnx",
      maxOutTokens: 50,
      chatTemplate: "raw",
    });
  });
  afterAll(async () => {
    await llama?.dispose();
    await onnx?.dispose();
  });

  it("complete “Once upon a time” greedily with the same text, the one ../shared/models documents", async () => {
    const prompt: ChatMessage[] = [{ role: "user", content: "Once upon a time" }];
    const fromLlama = await llama.prompt(prompt);
    const fromOnnx = await onnx.prompt(prompt);
    expect(fromOnnx.text).toBe(fromLlama.text);
    expect(`Once upon a time${fromOnnx.text}`).toBe(STORIES_GREEDY_TEXT);
    expect(fromOnnx.finishReason).toBe("length");
    expect(fromLlama.finishReason).toBe("length");
  });

  it("give the same reply to a chat in SynDisco's plain format, stopping at the same stop string", async () => {
    const plainLlama = await LlamaCppModel.load({
      modelPath: modelPath("stories260K.gguf"),
      name: "stories-gguf-plain",
      maxOutTokens: 40,
      chatTemplate: "plain",
      temperature: 0,
    });
    const plainOnnx = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "stories-onnx-plain",
      maxOutTokens: 40,
      chatTemplate: "plain",
    });
    try {
      const chat: ChatMessage[] = [
        { role: "system", content: "You are Lily, a little girl who loves the park." },
        { role: "user", content: "User Tom posted:\nDo you want to play with my ball?\nUser Lily posted:" },
      ];
      const options = { stop: ["\nUser "] };
      const fromLlama = await plainLlama.prompt(chat, options);
      const fromOnnx = await plainOnnx.prompt(chat, options);
      // Both backends format the chat with core's formatPlainChat. transformers.js keeps the space that starts
      // the reply's first token (" What"), node-llama-cpp drops it; actors trim replies, so only that may differ.
      expect(fromOnnx.text.trimStart()).toBe(fromLlama.text.trimStart());
      expect(fromOnnx.promptTokens).toBe(fromLlama.promptTokens);
      expect(fromOnnx.text.length).toBeGreaterThan(0);
      expect(fromOnnx.text).not.toContain("\nUser ");
    } finally {
      await plainLlama.dispose();
      await plainOnnx.dispose();
    }
  });

  it("tokenize the same raw prompt into the same tokens, and so continue it the same way", async () => {
    for (const text of ["Once upon a time", "The cat"]) {
      const prompt: ChatMessage[] = [{ role: "user", content: text }];
      const fromLlama = await llama.prompt(prompt, { maxOutTokens: 20 });
      const fromOnnx = await onnx.prompt(prompt, { maxOutTokens: 20 });
      expect({ text, promptTokens: fromOnnx.promptTokens }).toEqual({ text, promptTokens: fromLlama.promptTokens });
      expect(fromOnnx.text.trimStart()).toBe(fromLlama.text.trimStart());
    }
  });
});
