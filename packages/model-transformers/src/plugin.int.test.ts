import { dirname } from "node:path";
import { getLogger, parsePluginOptions } from "@syndisco/core";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { plugin } from "./plugin.js";
import { TransformersModel } from "./transformers-model.js";

describe.skipIf(!haveTestModels())("the transformers plugin's factory", () => {
  it("loads a model folder given relative to the config file's folder", async () => {
    const options = await parsePluginOptions(plugin, {
      modelPath: "stories260K-onnx",
      name: "stories",
      maxOutTokens: 50,
      chatTemplate: "raw",
    });
    // As if the config file sat in ../shared/models beside the model folder.
    const baseDir = dirname(modelPath("stories260K-onnx"));
    const model = await plugin.create(options, { baseDir, logger: getLogger("test") });
    try {
      expect(model).toBeInstanceOf(TransformersModel);
      expect((model as TransformersModel).modelSource).toBe(modelPath("stories260K-onnx"));
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(`Once upon a time${reply.text}`).toBe(STORIES_GREEDY_TEXT);
    } finally {
      await model.dispose();
    }
  });
});
