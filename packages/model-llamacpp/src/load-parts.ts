import { resolve } from "node:path";
import { getLogger, type Logger } from "@syndisco/core";
import type { Llama, LlamaContext, LlamaModel } from "node-llama-cpp";
import { BatchGathering } from "./batch-gathering.js";
import { threadsFor } from "./default-threads.js";
import { exclusiveGenerator } from "./exclusive-generator.js";
import type { SamplingSettings, SequenceGenerator } from "./generation.js";
import { assertGgufFile } from "./gguf-file.js";
import { loadLlama } from "./load-llama.js";
import { llamaCppIdentity } from "./model-identity.js";
import { DEFAULT_CACHE_DIR, isModelUri, resolveModelUri } from "./model-source.js";
import { importNodeLlamaCpp } from "./node-llama-cpp.js";
import { openModel } from "./open-model.js";
import { DEFAULTS, type LlamaCppModelOptions } from "./options.js";
import { createPromptFormat, type PromptFormat } from "./prompt-format.js";

/** Everything a loaded {@link LlamaCppModel} holds besides its options. */
export interface LoadedParts {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  format: PromptFormat;
  /** One per sequence of the context. */
  generators: SequenceGenerator[];
  modelFile: string;
  sampling: SamplingSettings;
  /** What the experiment fingerprint records of this model; see {@link llamaCppIdentity}. */
  identity: Record<string, unknown>;
  threads: number;
  releaseThreads: () => void;
  logger: Logger;
  /** Keeps the sequences decoding in the same batches; with one sequence, none. */
  gathering: BatchGathering | undefined;
}

/**
 * Finds the GGUF file (downloading a model URI that is not cached), starts llama.cpp, loads the weights and
 * creates the context with `parallel` sequences and a generator on each. On failure, whatever was started
 * is freed again.
 *
 * @param valid - options already checked by `validateOptions`.
 */
export async function loadParts(valid: LlamaCppModelOptions): Promise<LoadedParts> {
  const logger = valid.logger ?? getLogger("model-llamacpp");
  const modelFile = isModelUri(valid.modelPath)
    ? await resolveModelUri(valid.modelPath, {
        cacheDir: valid.cacheDir ?? DEFAULT_CACHE_DIR,
        stallTimeoutMs: valid.downloadStallTimeoutMs ?? DEFAULTS.downloadStallTimeoutMs,
        logger,
        progressStream: process.stderr,
      })
    : resolve(valid.modelPath);
  await assertGgufFile(modelFile);

  const llamaCpp = await importNodeLlamaCpp();
  const llama = await loadLlama(valid.gpu ?? DEFAULTS.gpu, logger);
  let releaseThreads: (() => void) | undefined;
  try {
    const parallel = valid.parallel ?? DEFAULTS.parallel;
    const gathering = parallel > 1 ? new BatchGathering() : undefined;
    const lease = await threadsFor(valid.threads, { llama, modelFile, modelName: valid.name, logger });
    releaseThreads = () => lease.release();
    const { model, context } = await openModel(llama, modelFile, {
      gpuLayers: valid.gpuLayers ?? DEFAULTS.gpuLayers,
      contextSize: valid.contextSize,
      parallel,
      threads: lease.threads,
      flashAttention: valid.flashAttention ?? DEFAULTS.flashAttention,
      batchPrioritization: gathering?.strategy,
      batchDispatch: gathering?.dispatchSchedule,
    });
    const format = createPromptFormat(llamaCpp, model, valid.chatTemplate ?? DEFAULTS.chatTemplate, (message) =>
      logger.warn({ model: valid.name }, message),
    );
    const generators = Array.from({ length: parallel }, (_, index) =>
      exclusiveGenerator(format.createGenerator(context.getSequence()), index),
    );
    const sampling = samplingOf(valid);
    return {
      llama,
      model,
      context,
      format,
      generators,
      modelFile,
      sampling,
      identity: await llamaCppIdentity(modelFile, valid, context.contextSize, sampling),
      threads: lease.threads,
      releaseThreads,
      logger,
      gathering,
    };
  } catch (error) {
    releaseThreads?.();
    await llama.dispose();
    throw error;
  }
}

function samplingOf(options: LlamaCppModelOptions): SamplingSettings {
  return {
    temperature: options.temperature ?? DEFAULTS.temperature,
    topP: options.topP ?? DEFAULTS.topP,
    topK: options.topK ?? DEFAULTS.topK,
    repeatPenalty: options.repeatPenalty ?? DEFAULTS.repeatPenalty,
    seed: options.seed,
  };
}
