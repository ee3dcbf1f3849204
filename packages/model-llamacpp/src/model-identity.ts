import { modelFileIdentity } from "@syndisco/core";
import type { SamplingSettings } from "./generation.js";
import { DEFAULTS, type LlamaCppModelOptions } from "./options.js";

/**
 * What of a llama.cpp model changes its replies, for `BaseModel.identity` (and so an experiment's
 * fingerprint): the GGUF file's size and sampled hash, the chat template, the context size and the sampling
 * options. Threads, GPU and `parallel` change only speed and are left out.
 */
export async function llamaCppIdentity(
  modelFile: string,
  options: LlamaCppModelOptions,
  contextSize: number,
  sampling: SamplingSettings,
): Promise<Record<string, unknown>> {
  return {
    backend: "llamacpp",
    modelFile: await modelFileIdentity(modelFile),
    chatTemplate: options.chatTemplate ?? DEFAULTS.chatTemplate,
    contextSize,
    sampling,
  };
}
