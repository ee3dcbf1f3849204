import { InputError, isModelPlugin, parsePluginOptions } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { plugin } from "./plugin.js";

describe("the transformers model plugin", () => {
  it("is a model plugin with the id transformers", () => {
    expect(isModelPlugin(plugin)).toBe(true);
    expect(plugin.id).toBe("transformers");
    expect(plugin.description).toMatch(/transformers\.js/);
  });

  it("accepts a config's options", async () => {
    const options = {
      modelPath: "./models/stories",
      name: "stories",
      maxOutTokens: 50,
      device: "auto",
      dtype: "q8",
      batchSize: 8,
      intraOpNumThreads: 1,
      temperature: 0.7,
      seed: 3,
      chatTemplate: "plain",
      sessionOptions: { graphOptimizationLevel: "all" },
    };
    await expect(parsePluginOptions(plugin, options)).resolves.toEqual(options);
  });

  it("reports every bad field of a config at once, naming the file", async () => {
    const parsing = parsePluginOptions(
      plugin,
      { modelPath: "m", name: "m", maxOutTokens: 0, dtype: "fp8", thread: 1 },
      "experiment.yaml",
    );
    await expect(parsing).rejects.toThrow(InputError);
    await expect(parsing).rejects.toThrow(/^experiment\.yaml: invalid options for the "transformers" model: /);
    await expect(parsing).rejects.toThrow(/maxOutTokens: /);
    await expect(parsing).rejects.toThrow(/dtype: /);
    await expect(parsing).rejects.toThrow(/thread/);
  });
});
