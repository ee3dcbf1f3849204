import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { TransformersModel } from "./transformers-model.js";

function load(folder: "stories260K-onnx" | "tiny-random-llama-onnx", options: { temperature?: number } = {}) {
  return TransformersModel.load({ modelPath: modelPath(folder), name: "model", maxOutTokens: 8, ...options });
}

describe.skipIf(!haveTestModels())("TransformersModel.identity", () => {
  it("differs between model folders and sampling options under the same name, and is stable across loads", async () => {
    const stories = await load("stories260K-onnx");
    const storiesAgain = await load("stories260K-onnx");
    const warmer = await load("stories260K-onnx", { temperature: 0.7 });
    const random = await load("tiny-random-llama-onnx");
    try {
      expect(storiesAgain.identity()).toEqual(stories.identity());
      expect(stories.identity()).toMatchObject({
        backend: "transformers",
        name: "model",
        dtype: "fp32",
        model: { bytes: expect.any(Number), sampleSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect(random.identity()).not.toEqual(stories.identity());
      expect(warmer.identity()).not.toEqual(stories.identity());
    } finally {
      await Promise.all([stories, storiesAgain, warmer, random].map((model) => model.dispose()));
    }
  });
});
