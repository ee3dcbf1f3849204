import type { BaseModelOptions, Logger } from "@syndisco/core";

/**
 * Which compute backend llama.cpp uses: `false` (the CPU, the default), `"auto"` (the best GPU found, else the
 * CPU with one warning), or one GPU API that must be present (`"cuda"`, `"vulkan"`, `"metal"`).
 */
export type GpuOption = false | "auto" | "cuda" | "vulkan" | "metal";

/**
 * How many layers go to the GPU: a number, `"max"` (all of them), or `"auto"` (as many as fit; the default).
 * Ignored on the CPU.
 */
export type GpuLayersOption = number | "auto" | "max";

/**
 * How chat messages become the prompt: `"auto"` (the GGUF's own chat template, or SynDisco's plain
 * `System: …\nUser: …\nAssistant:` format with one warning when the GGUF has none), `"plain"` (always that
 * plain format), `"raw"` (the messages' contents joined by newlines: a plain text completion), or a Jinja
 * chat template of your own.
 */
export type ChatTemplateOption = "auto" | "plain" | "raw" | (string & {});

/** Whether llama.cpp uses flash attention: `"auto"` (where supported), `true` or `false`. */
export type FlashAttentionOption = "auto" | boolean;

/** Options of {@link LlamaCppModel.load}. */
export interface LlamaCppModelOptions extends BaseModelOptions {
  /**
   * A local GGUF file, or a model URI that node-llama-cpp resolves (`hf:owner/repo/file.gguf`,
   * `hf:owner/repo:Q4_K_M`, an `https://` URL), downloaded once into `cacheDir` with a progress bar on stderr.
   */
  modelPath: string;
  /** Where model URIs are downloaded to and looked up. Default: node-llama-cpp's `~/.node-llama-cpp/models`. */
  cacheDir?: string;
  /** The compute backend; see {@link GpuOption}. Default `false` (the CPU). */
  gpu?: GpuOption;
  /** Layers offloaded to the GPU; see {@link GpuLayersOption}. Default `"auto"`. */
  gpuLayers?: GpuLayersOption;
  /**
   * Tokens each sequence holds: the prompt plus the reply must fit. The context holds `contextSize × parallel`
   * tokens in all. Default: 2048, or the model's training context if that is smaller.
   */
  contextSize?: number;
  /**
   * CPU threads that evaluate tokens. Default: picked when the model loads, from the cores, the load of other
   * processes, the CPU models already open in this process and the model's size, and logged at debug level
   * (the README's "Threads" explains the rule). node-llama-cpp's own default, every core, collapses on a
   * busy machine.
   */
  threads?: number;
  /**
   * Flash attention: `"auto"` (llama.cpp's choice: on wherever the model and hardware support it), `true` or
   * `false`. On a CPU, with a model whose attention heads are small, `false` can be much faster (with
   * stories260K's 8-dimension heads, generation at a 300-token prompt ran about 2.5 times faster).
   * Default `"auto"`.
   */
  flashAttention?: FlashAttentionOption;
  /**
   * How many prompts are decoded together, each in its own sequence of one shared context; further calls
   * wait in a queue. This is the model's `concurrency`. Default 1.
   */
  parallel?: number;
  /** How chat messages become the prompt; see {@link ChatTemplateOption}. Default `"auto"`. */
  chatTemplate?: ChatTemplateOption;
  /** Sampling temperature; 0 decodes greedily. Default 0.8. */
  temperature?: number;
  /** Nucleus sampling: sample from the smallest set of tokens whose probabilities add up to `topP`. Default 0.95. */
  topP?: number;
  /** Sample from the `topK` most likely tokens only (0 = no limit). Default 40. */
  topK?: number;
  /** Penalises tokens repeated from the last 64 of the reply; 1 (the default, as in llama.cpp) is no penalty. */
  repeatPenalty?: number;
  /** Sampling seed for calls that pass none. Default: a new seed each call. */
  seed?: number;
  /**
   * When downloading a model URI, give up after this many milliseconds without progress. Default 30000.
   */
  downloadStallTimeoutMs?: number;
  /** Where warnings and llama.cpp's own log lines go. Default: SynDisco's `model-llamacpp` logger. */
  logger?: Logger;
}

/** The defaults of {@link LlamaCppModelOptions}, in one place. */
export const DEFAULTS = {
  gpu: false,
  gpuLayers: "auto",
  contextSize: 2048,
  parallel: 1,
  flashAttention: "auto",
  chatTemplate: "auto",
  temperature: 0.8,
  topP: 0.95,
  topK: 40,
  repeatPenalty: 1,
  downloadStallTimeoutMs: 30_000,
} as const satisfies Partial<LlamaCppModelOptions>;
