import type { ProgressInfo } from "@huggingface/transformers";
import { type BaseModelOptions, InputError, type Logger } from "@syndisco/core";
import { z } from "zod";

/** Where the ONNX session runs: the CPU, an NVIDIA GPU through CUDA, or CUDA when it works and the CPU otherwise. */
export type TransformersDevice = "cpu" | "cuda" | "auto";

/**
 * The weight precisions this backend loads, each from its own ONNX file (`onnx/model.onnx` for fp32,
 * `onnx/model_q4.onnx` for q4, and so on).
 */
export const TRANSFORMERS_DTYPES = ["fp32", "fp16", "q8", "int8", "uint8", "q4", "q4f16", "bnb4"] as const;

/** A weight precision: which `onnx/model*.onnx` file of the model folder is loaded. */
export type TransformersDtype = (typeof TRANSFORMERS_DTYPES)[number];

/**
 * How chat messages become the prompt text: `"auto"` (the tokenizer's chat template, or SynDisco's plain
 * `System: …\nUser: …\nAssistant:` format with one warning when there is none), `"plain"` (always that plain
 * format), `"raw"` (the messages' contents joined by newlines: a plain text completion), or a Jinja template.
 */
export type ChatTemplateOption = "auto" | "plain" | "raw" | (string & {});

/** Options of {@link TransformersModel.load}. */
export interface TransformersModelOptions extends BaseModelOptions {
  /**
   * A local model folder (with `config.json`, the tokenizer files and `onnx/model*.onnx`), or a Hugging Face
   * model id such as `onnx-community/Qwen2.5-0.5B-Instruct`, downloaded once into `cacheDir`.
   */
  modelPath: string;
  /** `"cpu"` (default), `"cuda"` (needs onnxruntime-node's CUDA provider) or `"auto"` (CUDA, else the CPU). */
  device?: TransformersDevice;
  /** Which ONNX file to load: `fp32` (default, `onnx/model.onnx`), `fp16`, `q8`, `q4`, … */
  dtype?: TransformersDtype;
  /** Never use the network: a hub id must already be in `cacheDir`. Default `false`. */
  localFilesOnly?: boolean;
  /** Where hub models are downloaded to. Default: `syndisco/transformers` in the user's cache folder. */
  cacheDir?: string;
  /** The hub revision (branch, tag or commit) of a hub model. Default `main`. */
  revision?: string;
  /** How chat messages become the prompt; see {@link ChatTemplateOption}. Default `"auto"`. */
  chatTemplate?: ChatTemplateOption;
  /** Sampling temperature. Above 0 it turns sampling on (unless `doSample` is `false`); 0 means greedy. */
  temperature?: number;
  /** Nucleus sampling: sample from the smallest set of tokens whose probabilities add up to `topP`. */
  topP?: number;
  /** Sample from the `topK` most likely tokens only (0 = no limit). */
  topK?: number;
  /** Penalises tokens already in the prompt or reply; 1 is no penalty. */
  repetitionPenalty?: number;
  /** Sample instead of greedy decoding. Default: `true` when `temperature` is above 0, else `false`. */
  doSample?: boolean;
  /** Seed for sampling, for calls that do not pass their own `seed`. */
  seed?: number;
  /** The most prompts generated together as one batch; also the model's `concurrency`. Default 4. */
  batchSize?: number;
  /**
   * Memory, in MB, for keeping each conversation's prompt cache (its keys and values) between calls, so that
   * an actor's next prompt evaluates only what follows the part it shares with its last one. CPU only; 0
   * turns it off. Default 256.
   */
  promptCacheMB?: number;
  /**
   * Threads for one operator (ONNX Runtime's `intraOpNumThreads`). Default: picked when the model loads, from
   * the cores, the load of other processes, the CPU models already open in this process and the model's
   * size, and logged at debug level (the README's "Threads" explains the rule).
   */
  intraOpNumThreads?: number;
  /**
   * Threads across independent operators (ONNX Runtime's `interOpNumThreads`). Default 1: the session runs
   * operators in sequence, which uses none.
   */
  interOpNumThreads?: number;
  /** Further ONNX Runtime session options, passed through as they are (advanced). */
  sessionOptions?: Record<string, unknown>;
  /** Called with every loading and download progress event. Default: progress is logged at `info` level. */
  onProgress?: (info: ProgressInfo) => void;
  /** Where warnings go. Default: SynDisco's `model-transformers` logger. */
  logger?: Logger;
}

/**
 * The options a config file can hold (everything but the callbacks and the logger), validated strictly: an
 * unknown key is an error, so a typo does not pass silently.
 */
export const transformersOptionsSchema = z
  .strictObject({
    modelPath: z.string().trim().min(1, "give a local model folder or a Hugging Face model id"),
    name: z.string().trim().min(1, "give the model a non-empty name"),
    maxOutTokens: z.number().int().min(1),
    removeStringList: z.array(z.string()).optional(),
    device: z.enum(["cpu", "cuda", "auto"]).optional(),
    dtype: z.enum(TRANSFORMERS_DTYPES).optional(),
    localFilesOnly: z.boolean().optional(),
    cacheDir: z.string().min(1).optional(),
    revision: z.string().min(1).optional(),
    chatTemplate: z.string().min(1, 'use "auto", "plain", "raw" or a Jinja template').optional(),
    temperature: z.number().min(0).optional(),
    topP: z.number().gt(0).max(1).optional(),
    topK: z.number().int().min(0).optional(),
    repetitionPenalty: z.number().gt(0).optional(),
    doSample: z.boolean().optional(),
    seed: z.number().int().optional(),
    batchSize: z.number().int().min(1).optional(),
    promptCacheMB: z.number().min(0).optional(),
    intraOpNumThreads: z.number().int().min(1).optional(),
    interOpNumThreads: z.number().int().min(1).optional(),
    sessionOptions: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((options) => !(options.doSample === true && options.temperature === 0), {
    message: "temperature 0 means greedy decoding, which contradicts doSample: true; set a temperature above 0",
    path: ["temperature"],
  });

/** The options of {@link transformersOptionsSchema}: what a config file gives the plugin. */
export type TransformersConfigOptions = z.output<typeof transformersOptionsSchema>;

/**
 * Checks the options of {@link TransformersModel.load} and lists every problem in one {@link InputError}.
 *
 * @returns the options with strings trimmed.
 */
export function validateOptions(options: TransformersModelOptions): TransformersModelOptions {
  const { onProgress, logger, ...serializable } = options;
  const result = transformersOptionsSchema.safeParse(serializable);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new InputError(`invalid TransformersModel options: ${problems.join("; ")}`, {
      fix: "Fix these options; the @syndisco/model-transformers README lists every option",
    });
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new InputError("onProgress must be a function", { field: "onProgress" });
  }
  return { ...result.data, ...(onProgress ? { onProgress } : {}), ...(logger ? { logger } : {}) };
}

/** Whether these options sample (rather than decode greedily). */
export function usesSampling({ doSample, temperature }: Pick<TransformersModelOptions, "doSample" | "temperature">) {
  return doSample ?? (temperature !== undefined && temperature > 0);
}
