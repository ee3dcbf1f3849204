import { InputError, isModelPlugin, parsePluginOptions } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { plugin } from "./plugin.js";

describe("the llamacpp plugin descriptor", () => {
  it("is a model plugin with id llamacpp", () => {
    expect(isModelPlugin(plugin)).toBe(true);
    expect(plugin.id).toBe("llamacpp");
    expect(plugin.description).toMatch(/llama\.cpp/);
  });

  it("validates a config's options", async () => {
    const options = await parsePluginOptions(plugin, {
      modelPath: "models/m.gguf",
      name: "m",
      maxOutTokens: 64,
      gpu: false,
      parallel: 2,
    });
    expect(options).toEqual({ modelPath: "models/m.gguf", name: "m", maxOutTokens: 64, gpu: false, parallel: 2 });
  });

  it("names the config file and every bad field, unknown keys included", async () => {
    const parsing = parsePluginOptions(
      plugin,
      { modelPath: "m.gguf", name: "m", maxOutTokens: 64, gpu: "cuda12", contextsize: 512 },
      "experiment.yaml",
    );
    await expect(parsing).rejects.toThrow(InputError);
    await expect(parsing).rejects.toThrow(
      /experiment\.yaml: invalid options for the "llamacpp" model: .*gpu: .*contextsize/,
    );
  });
});
