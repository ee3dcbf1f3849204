import {
  BaseModel,
  type ChatMessage,
  type GenerateOptions,
  getLogger,
  InputError,
  type Logger,
  type ModelReply,
} from "@syndisco/core";
import { findCudaProvider, planDevices, type SessionDevice } from "./cuda-provider.js";
import { type GenerationRuntime, generateBatch, type SamplingSettings } from "./generate-batch.js";
import { createModelRuntime, samplingSettings } from "./generation-runtime.js";
import { type LoadedModel, loadModel } from "./load-model.js";
import { type BatchJob, MicroBatcher } from "./micro-batcher.js";
import { transformersIdentity } from "./model-identity.js";
import { checkModelSource, describeSource, resolveModelSource } from "./model-source.js";
import { type TransformersDtype, type TransformersModelOptions, validateOptions } from "./options.js";
import { createProgressLog } from "./progress-log.js";
import { createPromptFormat, type PromptFormat } from "./prompt-format.js";
import { type SessionThreads, sessionThreads } from "./session-threads.js";

const DEFAULT_BATCH_SIZE = 4;

/** One `prompt` call on its way to a batch. */
interface PromptJob {
  promptIds: number[];
  sessionKey: string | undefined;
  maxNewTokens: number;
  stop: readonly string[];
  seed: number | undefined;
}

/**
 * A language model run by transformers.js on ONNX Runtime (onnxruntime-node): the port of SynDisco's
 * `TransformersModel`. It loads an ONNX export of a Hugging Face model from a local folder or the hub, on
 * the CPU or a CUDA GPU, and generates replies to concurrent prompts as left-padded batches.
 *
 * @example
 * ```ts
 * const model = await TransformersModel.load({
 *   modelPath: "onnx-community/Qwen2.5-0.5B-Instruct",
 *   name: "qwen",
 *   maxOutTokens: 100,
 *   dtype: "q4",
 * });
 * const reply = await model.prompt([{ role: "user", content: "Say hello" }]);
 * await model.dispose();
 * ```
 */
export class TransformersModel extends BaseModel {
  /** How many prompts are generated together at most: the `batchSize` option. */
  readonly concurrency: number;
  /** The device the ONNX session runs on (what `"auto"` resolved to). */
  readonly device: SessionDevice;
  /** The weight precision that was loaded. */
  readonly dtype: TransformersDtype;
  /** The model folder, or the hub id, that was loaded. */
  readonly modelSource: string;
  /** How prompts are formatted: the tokenizer's or the user's chat template, or core's plain or raw format. */
  readonly promptFormat: PromptFormat["kind"];
  /** ONNX Runtime's threads for one operator: the option, or what the model picked without one. */
  readonly intraOpNumThreads: number;
  readonly #runtime: GenerationRuntime;
  readonly #format: PromptFormat;
  readonly #batcher: MicroBatcher<PromptJob, ModelReply>;
  readonly #sampling: SamplingSettings;
  readonly #seed: number | undefined;
  readonly #contextLength: number | undefined;
  readonly #logger: Logger;
  readonly #identity: Record<string, unknown>;
  readonly #threads: SessionThreads;
  #warnedAboutContext = false;
  #disposed = false;
  #batches = 0;
  #batchedPrompts = 0;

  /** Use {@link TransformersModel.load}: loading a model is asynchronous. */
  private constructor(
    options: TransformersModelOptions,
    loaded?: LoadedModel,
    format?: PromptFormat,
    modelSource?: string,
    logger?: Logger,
    threads?: SessionThreads,
    identity?: Record<string, unknown>,
  ) {
    // JavaScript callers can reach the constructor; without a loaded model it could only fail obscurely.
    if (!loaded || !format || modelSource === undefined || !logger || !threads || !identity) {
      throw new InputError("a TransformersModel cannot be made with new, because loading a model takes time", {
        fix: "Use `await TransformersModel.load(options)` with the same options",
      });
    }
    super(options);
    this.#identity = identity;
    const { runtime, contextLength } = createModelRuntime(loaded, options);
    this.#runtime = runtime;
    this.#format = format;
    this.#sampling = samplingSettings(options);
    this.#seed = options.seed;
    this.#contextLength = contextLength;
    this.#logger = logger;
    this.concurrency = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.device = loaded.device;
    this.dtype = options.dtype ?? "fp32";
    this.modelSource = modelSource;
    this.promptFormat = format.kind;
    this.#threads = threads;
    this.intraOpNumThreads = threads.intraOpNumThreads;
    this.#batcher = new MicroBatcher(
      (jobs) => this.#runBatch(jobs),
      this.concurrency,
      // Rows of one batch share the sampler's random numbers, so only calls with the same seed go together.
      (job) => (this.#sampling.doSample ? `seed:${job.seed ?? "fresh"}` : "greedy"),
    );
  }

  /**
   * Loads a model. Checks the options and the model's files first, so that a wrong path, a missing ONNX
   * file, a hub model that is not cached while offline, or a missing CUDA provider is reported as an
   * {@link InputError} that says what to do.
   */
  static async load(options: TransformersModelOptions): Promise<TransformersModel> {
    const valid = validateOptions(options);
    const logger = valid.logger ?? getLogger("model-transformers");
    const dtype = valid.dtype ?? "fp32";
    const localFilesOnly = valid.localFilesOnly ?? false;
    const source = resolveModelSource(valid.modelPath, {
      ...(valid.cacheDir ? { cacheDir: valid.cacheDir } : {}),
      ...(valid.revision ? { revision: valid.revision } : {}),
    });
    checkModelSource(source, dtype, localFilesOnly);
    const cudaStatus = findCudaProvider();
    const devices = planDevices(valid.device ?? "cpu", cudaStatus);
    if (devices.warning) logger.warn(devices.warning);
    const threads = await sessionThreads(valid, { source, dtype, logger });
    let loaded: LoadedModel | undefined;
    try {
      loaded = await loadModel({
        source,
        dtype,
        devices,
        cudaStatus,
        localFilesOnly,
        sessionOptions: {
          ...valid.sessionOptions,
          intraOpNumThreads: threads.intraOpNumThreads,
          interOpNumThreads: threads.interOpNumThreads,
        },
        onProgress: valid.onProgress ?? (source.kind === "hub" ? createProgressLog(logger, source.id) : undefined),
        logger,
      });
      const format = createPromptFormat(valid.chatTemplate ?? "auto", loaded.tokenizer, (message) =>
        logger.warn({ model: valid.name }, message),
      );
      const identity = await transformersIdentity(source, dtype, valid);
      return new TransformersModel(valid, loaded, format, describeSource(source), logger, threads, identity);
    } catch (error) {
      threads.release();
      await loaded?.model.dispose();
      throw error;
    }
  }

  /** See {@link transformersIdentity}. */
  override identity(): Record<string, unknown> {
    return { ...super.identity(), ...this.#identity };
  }

  /** How many batches have run and how many prompts they held: shows how well concurrent calls were batched. */
  get batchStats(): { batches: number; prompts: number } {
    return { batches: this.#batches, prompts: this.#batchedPrompts };
  }

  /** The prompt text this model generates from for `messages`: what its chat format makes of them. */
  formatPrompt(messages: readonly ChatMessage[]): string {
    return this.#format.format(messages);
  }

  protected async generate(messages: ChatMessage[], options: GenerateOptions): Promise<ModelReply> {
    if (this.#disposed) throw new Error(`the model "${this.name}" has been disposed; load it again to use it`);
    const promptIds = this.#runtime.codec.encodePrompt(this.formatPrompt(messages));
    if (promptIds.length === 0) {
      throw new InputError("the prompt has no tokens", {
        field: "messages",
        fix: "Give at least one non-empty message",
      });
    }
    this.#warnIfBeyondContext(promptIds.length + options.maxOutTokens);
    return this.#batcher.submit(
      {
        promptIds,
        sessionKey: options.sessionKey,
        maxNewTokens: options.maxOutTokens,
        stop: options.stop,
        seed: options.seed ?? this.#seed,
      },
      options.signal,
    );
  }

  /** Frees the ONNX session. Waits for the batch that is running; calls still queued are rejected. */
  override async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#batcher.close(new Error(`the model "${this.name}" was disposed before this prompt ran`));
    this.#runtime.promptCache?.clear();
    this.#threads.release();
    await this.#runtime.model.dispose();
  }

  async #runBatch(jobs: readonly BatchJob<PromptJob>[]): Promise<ModelReply[]> {
    this.#batches += 1;
    this.#batchedPrompts += jobs.length;
    const rows = jobs.map(({ input, signal }) => ({ ...input, signal }));
    const outcomes = await generateBatch(this.#runtime, this.#sampling, rows, jobs[0]?.input.seed);
    return outcomes.map((outcome, index) => ({ ...outcome, promptTokens: rows[index]?.promptIds.length }));
  }

  #warnIfBeyondContext(tokens: number): void {
    if (this.#warnedAboutContext || this.#contextLength === undefined || tokens <= this.#contextLength) return;
    this.#warnedAboutContext = true;
    this.#logger.warn(
      { model: this.name, tokens, contextLength: this.#contextLength },
      `a prompt plus maxOutTokens needs ${tokens} tokens, more than the ${this.#contextLength} the model was trained ` +
        "on; text past that point may degrade. Shorten the history (historyContextLen) or maxOutTokens",
    );
  }
}
