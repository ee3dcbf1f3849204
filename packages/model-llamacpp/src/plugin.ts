import { isAbsolute, resolve } from "node:path";
import { defineModelPlugin } from "@syndisco/core";
import { LlamaCppModel } from "./llamacpp-model.js";
import { isModelUri } from "./model-source.js";
import { llamaCppOptionsSchema } from "./options-schema.js";

/**
 * The model plugin `llamacpp`: a GGUF model run in-process by llama.cpp. A relative `modelPath` or `cacheDir`
 * resolves against the config file's folder; a model URI (`hf:…`, `https://…`) is downloaded once.
 */
export const plugin = defineModelPlugin({
  id: "llamacpp",
  description: "A GGUF model run in-process by llama.cpp (node-llama-cpp): CPU by default, or CUDA, Vulkan or Metal",
  optionsSchema: llamaCppOptionsSchema,
  async create(options, { baseDir, logger }) {
    return LlamaCppModel.load({
      ...options,
      modelPath: isModelUri(options.modelPath) ? options.modelPath : againstBase(baseDir, options.modelPath),
      ...(options.cacheDir ? { cacheDir: againstBase(baseDir, options.cacheDir) } : {}),
      logger,
    });
  },
});

function againstBase(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
