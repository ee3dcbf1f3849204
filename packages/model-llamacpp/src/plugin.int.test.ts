import { dirname, isAbsolute, relative } from "node:path";
import { getLogger, parsePluginOptions } from "@syndisco/core";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { LlamaCppModel } from "./llamacpp-model.js";
import { plugin } from "./plugin.js";

describe.skipIf(!haveTestModels())("the llamacpp plugin", () => {
  it("creates a LlamaCppModel from a config, resolving modelPath against the config's folder", async () => {
    const baseDir = dirname(dirname(modelPath("stories260K.gguf")));
    const fromConfig = { modelPath: relative(baseDir, modelPath("stories260K.gguf")), name: "tiny" };
    expect(isAbsolute(fromConfig.modelPath)).toBe(false);
    const options = await parsePluginOptions(plugin, {
      ...fromConfig,
      maxOutTokens: 50,
      temperature: 0,
      chatTemplate: "raw",
    });
    const model = await plugin.create(options, { baseDir, logger: getLogger("test") });
    try {
      expect(model).toBeInstanceOf(LlamaCppModel);
      expect((model as LlamaCppModel).modelFile).toBe(modelPath("stories260K.gguf"));
      expect(model.name).toBe("tiny");
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(`Once upon a time${reply.text}`).toBe(STORIES_GREEDY_TEXT);
    } finally {
      await model.dispose();
    }
  });
});
