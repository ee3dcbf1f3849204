import {
  BaseModel,
  type ChatMessage,
  type GenerateOptions,
  InputError,
  type Logger,
  type ModelReply,
} from "@syndisco/core";
import type { Llama } from "node-llama-cpp";
import { AnswerConstraints, assertAnswerFits, GRAMMAR_END_TOKENS, isWholeJson } from "./answer-constraints.js";
import type { BatchGathering, BatchStatistics } from "./batch-gathering.js";
import type { GenerationSettings, SamplingSettings, SequenceGenerator } from "./generation.js";
import { type LoadedParts, loadParts } from "./load-parts.js";
import type { LlamaCppModelOptions } from "./options.js";
import { validateOptions } from "./options-schema.js";
import type { PromptFormat, PromptFormatKind } from "./prompt-format.js";
import { SequencePool } from "./sequence-pool.js";

/**
 * A GGUF model run in-process by llama.cpp (through node-llama-cpp): on the CPU by default, or on a GPU
 * through CUDA, Vulkan or Metal.
 *
 * One model and one context serve every call: the context has `parallel` sequences, concurrent `prompt`
 * calls are decoded together in the same batches, and calls beyond `parallel` wait in a queue. A call gets
 * the free sequence that last served its `sessionKey` (its cache holds that conversation's last prompt), else
 * one never used, else the one whose KV cache holds the longest beginning of its prompt (the system prompt
 * that actors share), else the one idle longest; {@link SequencePool} explains why in that order. Only the
 * part of the prompt that the sequence does not hold already is evaluated.
 *
 * On the CPU, without a `threads` option, the model picks its thread count from the cores, the load of
 * other processes, the CPU models already open in this process and its own size (see the README's
 * "Threads"), and logs its choice at debug level.
 *
 * A call whose options carry a `responseSchema` (an annotator with an answer form) is generated under a
 * grammar made from that JSON schema, so that its reply is an answer of that form; `maxOutTokens` must leave
 * room for the whole answer.
 *
 * @example
 * ```ts
 * const model = await LlamaCppModel.load({
 *   modelPath: "models/qwen2.5-0.5b-instruct-q4_k_m.gguf",
 *   name: "qwen2.5-0.5b",
 *   maxOutTokens: 200,
 *   parallel: 4,
 * });
 * const reply = await model.prompt([{ role: "user", content: "Say hello" }]);
 * await model.dispose();
 * ```
 */
export class LlamaCppModel extends BaseModel {
  /** How many calls are decoded at once: the `parallel` option. */
  readonly concurrency: number;
  /** A `responseSchema` becomes a grammar that generation follows. */
  override readonly supportsResponseSchema = true;
  /** Tokens each sequence holds (prompt and reply together). */
  readonly contextSize: number;
  /** The context the model was trained with, from the GGUF. */
  readonly trainContextSize: number;
  /** The GGUF file in use (for a model URI: its file in the cache folder). */
  readonly modelFile: string;
  /** Where the prompt format comes from; see {@link PromptFormatKind}. */
  readonly promptFormat: PromptFormatKind;
  /** node-llama-cpp's name for the chat wrapper in use (for example `JinjaTemplate`), for chat templates. */
  readonly chatWrapperName: string | undefined;
  /** The GPU API llama.cpp runs on, or `false` for the CPU. */
  readonly gpu: string | false;
  /** CPU threads that evaluate tokens: the `threads` option, or what the model picked without one. */
  readonly threads: number;

  readonly #llama: Llama;
  readonly #format: PromptFormat;
  readonly #pool: SequencePool<SequenceGenerator>;
  readonly #sampling: SamplingSettings;
  readonly #constraints: AnswerConstraints;
  readonly #identity: Record<string, unknown>;
  /** Aborted by dispose(), so that running generations stop before the native memory is freed. */
  readonly #shutdown = new AbortController();
  readonly #running = new Set<Promise<unknown>>();
  readonly #releaseThreads: () => void;
  readonly #gathering: BatchGathering | undefined;
  readonly #logger: Logger;

  /** Use {@link LlamaCppModel.load}: loading a model is asynchronous. */
  private constructor(options: LlamaCppModelOptions, parts?: LoadedParts) {
    // JavaScript callers can reach the constructor; without parts it could only fail obscurely.
    if (parts === undefined) {
      throw new InputError("a LlamaCppModel cannot be made with new, because loading a model takes time", {
        fix: "Use `await LlamaCppModel.load(options)` with the same options",
      });
    }
    super(options);
    this.#llama = parts.llama;
    this.#format = parts.format;
    this.#pool = new SequencePool(parts.generators);
    this.#sampling = parts.sampling;
    this.#gathering = parts.gathering;
    this.#logger = parts.logger;
    parts.gathering?.countGeneratingWith(() => this.activeCalls);
    this.#constraints = new AnswerConstraints({
      llama: parts.llama,
      countTokens: (text) => parts.model.tokenize(text, false).length,
      warn: (message) => parts.logger.warn({ model: this.name }, message),
    });
    this.concurrency = parts.generators.length;
    this.contextSize = parts.context.contextSize;
    this.trainContextSize = parts.model.trainContextSize;
    this.modelFile = parts.modelFile;
    this.promptFormat = parts.format.kind;
    this.chatWrapperName = parts.format.wrapperName;
    this.gpu = parts.llama.gpu;
    this.#identity = parts.identity;
    this.threads = parts.threads;
    this.#releaseThreads = parts.releaseThreads;
  }

  /**
   * Loads a GGUF model (downloading a model URI first if it is not cached) and creates its context.
   *
   * @throws InputError for bad options, a missing, non-GGUF or unreadable file, an unavailable `gpu`, a
   *   context that does not fit in memory, a bad chat template, or a model URI that cannot be downloaded.
   */
  static async load(options: LlamaCppModelOptions): Promise<LlamaCppModel> {
    const valid = validateOptions(options);
    const parts = await loadParts(valid);
    try {
      return new LlamaCppModel(valid, parts);
    } catch (error) {
      parts.releaseThreads();
      await parts.llama.dispose();
      throw error;
    }
  }

  /** See {@link llamaCppIdentity}. */
  override identity(): Record<string, unknown> {
    return { ...super.identity(), ...this.#identity };
  }

  /** How many calls are being decoded right now (at most {@link LlamaCppModel.concurrency}). */
  get activeCalls(): number {
    return this.concurrency - this.#pool.available;
  }

  /** How many calls wait for a free sequence. */
  get queuedCalls(): number {
    return this.#pool.waiting;
  }

  /**
   * How many batches the sequences were decoded in so far, and how many sequences they held together (with
   * `parallel` 1, none are counted). Sequences per batch (`sequences / batches`) near the number of calls in
   * flight means that concurrent calls are decoded together.
   */
  get batchStatistics(): BatchStatistics {
    return this.#gathering?.statistics ?? { batches: 0, sequences: 0 };
  }

  /** The prompt exactly as the model would evaluate it for these messages (useful to check a template). */
  renderPrompt(messages: readonly ChatMessage[]): string {
    this.#assertUsable();
    return this.#format.prepare(messages).text;
  }

  /**
   * Frees the context, the model and llama.cpp's backend. Running and waiting calls are rejected with an
   * error that says the model was disposed. Logs {@link LlamaCppModel.batchStatistics} at debug level.
   */
  override async dispose(): Promise<void> {
    if (this.#shutdown.signal.aborted) return;
    const { batches, sequences } = this.batchStatistics;
    if (batches > 0) {
      const perBatch = (sequences / batches).toFixed(2);
      this.#logger.debug(
        { model: this.name, batches, sequences },
        `decoded ${batches} batches, ${perBatch} sequences per batch (of ${this.concurrency})`,
      );
    }
    const reason = new Error(`the model "${this.name}" was disposed`);
    this.#pool.close(reason);
    this.#gathering?.close();
    this.#shutdown.abort(reason);
    await Promise.allSettled(this.#running);
    this.#releaseThreads();
    await this.#llama.dispose();
  }

  protected async generate(messages: ChatMessage[], options: GenerateOptions): Promise<ModelReply> {
    this.#assertUsable();
    const prompt = this.#format.prepare(messages);
    const constraint = options.responseSchema ? await this.#constraints.for(options.responseSchema) : undefined;
    const room = this.contextSize - prompt.tokenCount - 1;
    if (room < 1) {
      throw new InputError(
        `the prompt has ${prompt.tokenCount} tokens, which leaves no room for a reply in contextSize ${this.contextSize}`,
        {
          field: "contextSize",
          fix: `Raise contextSize (this model was trained with ${this.trainContextSize} tokens), or shorten the prompt (in a discussion, lower historyContextLen)`,
        },
      );
    }
    if (constraint) {
      assertAnswerFits(constraint, {
        maxOutTokens: options.maxOutTokens,
        room,
        promptTokens: prompt.tokenCount,
        contextSize: this.contextSize,
      });
    }
    const signal = options.signal ? AbortSignal.any([options.signal, this.#shutdown.signal]) : this.#shutdown.signal;
    const settings: GenerationSettings = {
      maxTokens: Math.min(options.maxOutTokens + (constraint ? GRAMMAR_END_TOKENS : 0), room),
      // A grammar ends its reply itself; a stop string ("\n\n", "###") could cut a JSON answer short.
      stop: constraint ? [] : options.stop,
      grammar: constraint?.grammar,
      signal,
      sampling: options.seed === undefined ? this.#sampling : { ...this.#sampling, seed: options.seed },
    };
    const lease = await this.#pool.acquire({
      sessionKey: options.sessionKey,
      cachedPrefix: (generator) => generator.cachedPrefixLength(prompt.tokens),
      signal,
    });
    this.#gathering?.callStarted();
    const generation = lease.slot.generate(prompt, settings);
    this.#running.add(generation);
    try {
      const result = await generation;
      return {
        text: result.text,
        promptTokens: prompt.tokenCount,
        evaluatedPromptTokens: result.evaluatedPromptTokens,
        completionTokens: result.completionTokens,
        // Under a grammar, a whole JSON answer is finished even if the limit cut the grammar's closing new lines.
        finishReason: result.hitMaxTokens && !(constraint && isWholeJson(result.text)) ? "length" : "stop",
      };
    } finally {
      this.#running.delete(generation);
      lease.release();
      this.#gathering?.callEnded();
    }
  }

  #assertUsable(): void {
    if (this.#shutdown.signal.aborted) {
      throw new Error(`the model "${this.name}" was disposed; load it again to use it`);
    }
  }
}
