import { InputError } from "@syndisco/core";
import type {
  CustomBatchingDispatchSchedule,
  CustomBatchingPrioritizationStrategy,
  Llama,
  LlamaContext,
  LlamaModel,
} from "node-llama-cpp";
import { serializeFirstLogitRead } from "./first-logit-read.js";
import { DEFAULTS, type FlashAttentionOption, type GpuLayersOption } from "./options.js";

/** What {@link openModel} needs besides the file. */
export interface OpenModelOptions {
  gpuLayers: GpuLayersOption;
  /** Tokens per sequence; by default 2048, or the model's training context if that is smaller. */
  contextSize: number | undefined;
  parallel: number;
  /** CPU threads that evaluate tokens (node-llama-cpp's own default collapses on busy machines). */
  threads: number;
  flashAttention: FlashAttentionOption;
  /** How each batch is shared among the sequences' queued tokens; node-llama-cpp's default when absent. */
  batchPrioritization?: CustomBatchingPrioritizationStrategy | undefined;
  /** When a batch is dispatched once tokens are queued; node-llama-cpp's default (the next cycle) when absent. */
  batchDispatch?: CustomBatchingDispatchSchedule | undefined;
}

/**
 * Loads a GGUF file's weights and creates one context with `parallel` sequences of `contextSize` tokens
 * each. A file llama.cpp cannot read, or a context that does not fit in memory, gives an {@link InputError}
 * that names the option to change.
 */
export async function openModel(
  llama: Llama,
  modelFile: string,
  { gpuLayers, contextSize, parallel, threads, flashAttention, batchPrioritization, batchDispatch }: OpenModelOptions,
): Promise<{ model: LlamaModel; context: LlamaContext }> {
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: modelFile, gpuLayers });
  } catch (error) {
    throw new InputError(`llama.cpp could not load ${modelFile}: ${messageOf(error)}`, {
      field: "modelPath",
      fix: "Check that the file is a whole GGUF model (download it again if it was cut short) of an architecture that node-llama-cpp 3.21 supports",
    });
  }
  const size = contextSize ?? Math.min(DEFAULTS.contextSize, model.trainContextSize);
  let context: LlamaContext;
  try {
    context = await model.createContext({
      contextSize: size,
      sequences: parallel,
      flashAttention,
      threads,
      batching: {
        ...(batchPrioritization ? { itemPrioritizationStrategy: batchPrioritization } : {}),
        ...(batchDispatch ? { dispatchSchedule: batchDispatch } : {}),
      },
    });
  } catch (error) {
    throw new InputError(
      `llama.cpp could not create a context of ${size} tokens for each of ${parallel} sequences: ${messageOf(error)}`,
      {
        field: "contextSize",
        fix: "Lower contextSize or parallel (the context holds contextSize × parallel tokens), or put fewer layers on the GPU with gpuLayers",
      },
    );
  }
  serializeFirstLogitRead(context);
  return { model, context };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
