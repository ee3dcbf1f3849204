import type { GenerationRuntime, SamplingSettings } from "./generate-batch.js";
import type { LoadedModel } from "./load-model.js";
import { type TransformersModelOptions, usesSampling } from "./options.js";
import { PromptCache } from "./prompt-cache.js";
import { supportsRowPrefill } from "./row-prefill.js";
import { createTokenCodec } from "./token-codec.js";

const DEFAULT_PROMPT_CACHE_MB = 256;
const BYTES_PER_MB = 1024 * 1024;

/** What generation needs of a loaded model, and the context length the model was trained on (if it says). */
export interface ModelRuntime {
  runtime: GenerationRuntime;
  contextLength: number | undefined;
}

/**
 * Reads a loaded model's end and padding tokens and context length from its configs, and sets up the prompt
 * cache where prompts are evaluated row by row (on the CPU, for models whose cache allows it).
 */
export function createModelRuntime(loaded: LoadedModel, options: TransformersModelOptions): ModelRuntime {
  const { transformers, tokenizer, model } = loaded;
  const config = model.config as { eos_token_id?: number | number[]; max_position_embeddings?: number };
  const eosTokenIds = new Set(
    [model.generation_config?.eos_token_id ?? config.eos_token_id, tokenizer.eos_token_id]
      .flat()
      .filter((id): id is number => typeof id === "number"),
  );
  const prefillRowsAlone = loaded.device === "cpu" && supportsRowPrefill(model);
  const promptCacheMB = options.promptCacheMB ?? DEFAULT_PROMPT_CACHE_MB;
  return {
    runtime: {
      transformers,
      model,
      codec: createTokenCodec(tokenizer),
      padTokenId: tokenizer.pad_token_id ?? [...eosTokenIds][0] ?? 0,
      eosTokenIds,
      prefillRowsAlone,
      promptCache: prefillRowsAlone && promptCacheMB > 0 ? new PromptCache(promptCacheMB * BYTES_PER_MB) : undefined,
    },
    contextLength: config.max_position_embeddings,
  };
}

/** The decoding settings of the options, shared by every row of a batch. */
export function samplingSettings(options: TransformersModelOptions): SamplingSettings {
  return {
    doSample: usesSampling(options),
    temperature: options.temperature,
    topP: options.topP,
    topK: options.topK,
    repetitionPenalty: options.repetitionPenalty,
  };
}
