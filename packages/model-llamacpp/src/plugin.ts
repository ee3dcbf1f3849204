import { isAbsolute, resolve } from "node:path";
import { defineModelPlugin } from "@syndisco/core";
import { LlamaCppModel } from "./llamacpp-model.js";
import { checkModelSource } from "./model-check.js";
import { DEFAULT_CACHE_DIR, isModelUri } from "./model-source.js";
import { DEFAULTS } from "./options.js";
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
      modelPath: modelPathOf(options, baseDir),
      ...(options.cacheDir ? { cacheDir: againstBase(baseDir, options.cacheDir) } : {}),
      logger,
    });
  },
  // What a dry run can know: the file is a GGUF file, or the model URI is cached or can be fetched now.
  async check(options, { baseDir }) {
    await checkModelSource(modelPathOf(options, baseDir), {
      cacheDir: options.cacheDir ? againstBase(baseDir, options.cacheDir) : DEFAULT_CACHE_DIR,
      timeoutMs: options.downloadStallTimeoutMs ?? DEFAULTS.downloadStallTimeoutMs,
    });
  },
});

function modelPathOf(options: { modelPath: string }, baseDir: string): string {
  return isModelUri(options.modelPath) ? options.modelPath : againstBase(baseDir, options.modelPath);
}

function againstBase(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
