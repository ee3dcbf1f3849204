import { describe, expect, it } from "vitest";
import { OpenAIModel } from "./openai-model.js";

const KEY = "sk-test-0123456789abcdefghij";

function model(options: Partial<ConstructorParameters<typeof OpenAIModel>[0]> = {}) {
  return new OpenAIModel({
    modelName: "llama",
    baseUrl: "http://127.0.0.1:9/v1",
    maxOutTokens: 16,
    apiKey: KEY,
    ...options,
  });
}

describe("OpenAIModel.identity", () => {
  it("covers the server's model and the generation options, not the servers or the key", () => {
    const identity = model().identity();
    expect(identity).toMatchObject({
      backend: "openai",
      name: "llama",
      modelName: "llama",
      maxOutTokens: 16,
      temperature: 0,
    });
    expect(model({ baseUrl: ["http://10.0.0.1:8000/v1", "http://10.0.0.2:8000/v1"] }).identity()).toEqual(identity);
    for (const changed of [
      { temperature: 0.7 },
      { modelName: "qwen", name: "llama" },
      { maxOutTokens: 32 },
      { structuredOutputs: false },
      { extraBody: { top_k: 20 } },
    ]) {
      expect(model(changed).identity()).not.toEqual(identity);
    }
    expect(JSON.stringify(model({ extraBody: { top_k: 20 } }).identity())).not.toContain(KEY.slice(3, 12));
  });
});
