import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getLogger } from "../logging/logger.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { defineModelPlugin, isModelPlugin, parsePluginOptions } from "./plugin.js";

const plugin = defineModelPlugin({
  id: "scripted",
  description: "replies from a list",
  optionsSchema: z.strictObject({ name: z.string(), replies: z.array(z.string()).min(1) }),
  create: async (options) => new ScriptedModel(options),
});

describe("model plugins", () => {
  it("validates options and creates a model", async () => {
    const options = await parsePluginOptions(plugin, { name: "s", replies: ["hi"] });
    const model = await plugin.create(options, { baseDir: ".", logger: getLogger("test") });
    expect((await model.prompt([{ role: "user", content: "?" }])).text).toBe("hi");
  });

  it("lists every bad field in one error that names the source", async () => {
    await expect(parsePluginOptions(plugin, { replies: [], extra: 1 }, "config.yaml")).rejects.toThrow(
      /^config\.yaml: invalid options for the "scripted" model: .*name: .*replies: .*Unrecognized key: "extra"/,
    );
  });

  it("recognises plugin objects", () => {
    expect(isModelPlugin(plugin)).toBe(true);
    expect(isModelPlugin({ id: "x", create() {} })).toBe(false);
    expect(isModelPlugin(null)).toBe(false);
  });
});
