import { getLogger, InputError, isModelPlugin, parsePluginOptions } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { OpenAIModel } from "./openai-model.js";
import { plugin } from "./plugin.js";

const context = { baseDir: process.cwd(), logger: getLogger("test") };

describe("the openai model plugin", () => {
  it("is a model plugin with id openai", () => {
    expect(isModelPlugin(plugin)).toBe(true);
    expect(plugin.id).toBe("openai");
  });

  it("creates an OpenAIModel from config options without connecting", async () => {
    const options = await parsePluginOptions(plugin, {
      modelName: "Qwen/Qwen2.5-7B-Instruct",
      baseUrl: ["http://gpu1:8000/v1", "http://gpu2:8000/v1"],
      name: "qwen",
      maxOutTokens: 120,
      maxConcurrency: 16,
      extraBody: { top_k: 20 },
    });
    const model = await plugin.create(options, context);
    expect(model).toBeInstanceOf(OpenAIModel);
    expect(model).toMatchObject({
      name: "qwen",
      maxOutTokens: 120,
      concurrency: 16,
      modelName: "Qwen/Qwen2.5-7B-Instruct",
      baseUrls: ["http://gpu1:8000/v1", "http://gpu2:8000/v1"],
      supportsResponseSchema: true,
    });
  });

  it("takes structuredOutputs from a config file as a boolean", async () => {
    const options = await parsePluginOptions(plugin, {
      modelName: "m",
      baseUrl: "http://127.0.0.1:8000/v1",
      maxOutTokens: 5,
      structuredOutputs: false,
    });
    expect(options.structuredOutputs).toBe(false);
    // With structured outputs off, the model says it cannot hold replies to a schema (serve then refuses them).
    expect((await plugin.create(options, context)).supportsResponseSchema).toBe(false);
    const error = await parsePluginOptions(plugin, { modelName: "m", maxOutTokens: 5, structuredOutputs: "off" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain("structuredOutputs");
  });

  it("rejects unknown fields, bad URLs and a missing token limit, naming each", async () => {
    const error = await parsePluginOptions(
      plugin,
      { modelName: "m", baseUrl: "localhost:8000", maxTokens: 5 },
      "experiment.yaml",
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain("experiment.yaml");
    expect(message).toContain("baseUrl");
    expect(message).toContain("maxOutTokens");
    expect(message).toContain("maxTokens");
  });

  it("refuses a URL with a user name and password without repeating them", async () => {
    const error = await parsePluginOptions(plugin, {
      modelName: "m",
      baseUrl: ["http://gpu1:8000/v1", "http://me:hunter2@gpu2:8000/v1"],
      maxOutTokens: 5,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain("must not hold a user name or password");
    expect((error as InputError).message).not.toContain("hunter2");
  });

  it("passes the model's own checks through as InputErrors", async () => {
    const options = await parsePluginOptions(plugin, {
      modelName: "m",
      baseUrl: "http://127.0.0.1:8080/v1",
      maxOutTokens: 5,
      extraBody: { model: "other" },
    });
    await expect(plugin.create(options, context)).rejects.toThrow(/extraBody\.model/);
  });
});
