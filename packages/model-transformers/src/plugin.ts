import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { defineModelPlugin } from "@syndisco/core";
import { type TransformersConfigOptions, transformersOptionsSchema } from "./options.js";
import { TransformersModel } from "./transformers-model.js";

/**
 * The `transformers` model plugin: what the `syndisco` command loads for a config entry such as
 * `{ plugin: "transformers", options: { modelPath: "./models/qwen-onnx", name: "qwen", maxOutTokens: 100 } }`.
 * A relative `modelPath` is a folder relative to the config file when that folder exists, and a hub id
 * otherwise.
 */
export const plugin = defineModelPlugin<TransformersConfigOptions>({
  id: "transformers",
  description: "Hugging Face ONNX models through transformers.js on onnxruntime-node (CPU, or CUDA where installed)",
  optionsSchema: transformersOptionsSchema,
  async create(options, { baseDir, logger }) {
    const besideConfig = isAbsolute(options.modelPath) ? undefined : resolve(baseDir, options.modelPath);
    const modelPath = besideConfig && existsSync(besideConfig) ? besideConfig : options.modelPath;
    return TransformersModel.load({ ...options, modelPath, logger });
  },
});
