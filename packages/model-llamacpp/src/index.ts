/**
 * The llama.cpp backend of SynDisco: {@link LlamaCppModel} runs GGUF models in-process through
 * node-llama-cpp (CPU by default; CUDA, Vulkan or Metal when present), and {@link plugin} lets the `syndisco`
 * command load it as model `llamacpp`.
 *
 * @packageDocumentation
 */
export type { BatchStatistics } from "./batch-gathering.js";
export { LlamaCppModel } from "./llamacpp-model.js";
export type {
  ChatTemplateOption,
  FlashAttentionOption,
  GpuLayersOption,
  GpuOption,
  LlamaCppModelOptions,
} from "./options.js";
export { type LlamaCppConfigOptions, llamaCppOptionsSchema } from "./options-schema.js";
export { plugin } from "./plugin.js";
export type { PromptFormatKind } from "./prompt-format.js";
