import { createHash } from "node:crypto";
import {
  BaseModel,
  type ChatMessage,
  type GenerateOptions,
  getLogger,
  type Logger,
  type ModelReply,
} from "@syndisco/core";
import type { LimitFunction } from "p-limit";
import type { AttemptFailure } from "./attempt-failure.js";
import { classifyRequestError, type FailedRequest } from "./classify-error.js";
import { ModelServerError } from "./model-server-error.js";
import { type OpenAIModelOptions, type ResolvedOpenAIOptions, resolveOpenAIOptions } from "./options.js";
import { readReply } from "./read-reply.js";
import { redactSecret } from "./redact.js";
import { buildRequestBody, sendsResponseSchema } from "./request-body.js";
import { requestCompletion } from "./request-completion.js";
import { openServerConnections, type ServerConnections } from "./server-connections.js";
import { ServerPool, type ServerState } from "./server-pool.js";

/** One connection pool per server and the concurrency limit, made on the first prompt. */
interface Connection {
  servers: ServerConnections[];
  limit: LimitFunction;
}

/**
 * A model served by an OpenAI-compatible chat completions API: OpenAI itself, vLLM, llama.cpp's
 * `llama-server`, Ollama or `syndisco serve`. Each server gets a pool of kept-alive connections. With several
 * `baseUrl`s, each request goes to the server with the fewest requests outstanding, and a failing server is
 * taken out of rotation until it answers again (see {@link ServerPool}).
 *
 * Failed requests (429, 5xx, timeouts, connection errors, malformed replies) are retried with exponential
 * backoff, honouring `Retry-After`. Problems are reported as {@link ModelServerError}s that name the server
 * and the model and never contain the API key.
 *
 * @example
 * ```ts
 * const model = new OpenAIModel({
 *   modelName: "meta-llama/Llama-3.1-8B-Instruct",
 *   baseUrl: ["http://gpu1:8000/v1", "http://gpu2:8000/v1"],
 *   maxOutTokens: 200,
 * });
 * const reply = await model.prompt([{ role: "user", content: "Hello!" }]);
 * ```
 */
export class OpenAIModel extends BaseModel {
  /** How many requests are in flight at once (`maxConcurrency`). */
  readonly concurrency: number;
  /** Whether a `responseSchema` is sent to the server as a structured-output `response_format` (`structuredOutputs`). */
  override readonly supportsResponseSchema: boolean;
  /** The model the server runs. */
  readonly modelName: string;
  /** The servers' base URLs. */
  readonly baseUrls: readonly string[];
  readonly #options: ResolvedOpenAIOptions;
  readonly #pool: ServerPool;
  readonly #logger: Logger;
  #connection: Promise<Connection> | undefined;

  /**
   * Checks the options; connects to nothing until the first prompt.
   *
   * @throws InputError for an option that cannot be used.
   */
  constructor(options: OpenAIModelOptions) {
    const resolved = resolveOpenAIOptions(options);
    super({
      name: options.name ?? resolved.modelName,
      maxOutTokens: options.maxOutTokens,
      ...(options.removeStringList ? { removeStringList: options.removeStringList } : {}),
    });
    this.#options = resolved;
    this.concurrency = resolved.maxConcurrency;
    this.supportsResponseSchema = resolved.structuredOutputs;
    this.modelName = resolved.modelName;
    // A key passed in a query parameter (Azure style) must not show either.
    this.baseUrls = resolved.baseUrls.map((url) => redactSecret(url, this.#secret()));
    this.#pool = new ServerPool(resolved.baseUrls, { retryDelayMs: resolved.retryDelayMs });
    this.#logger = options.logger ?? getLogger("model-openai");
  }

  /**
   * The server's model, temperature, whether answers are constrained, and a hash of `extraBody` (it may set
   * sampling options; hashed, since it is the user's free-form request text). Servers and keys are left out.
   */
  override identity(): Record<string, unknown> {
    const { modelName, temperature, structuredOutputs, extraBody } = this.#options;
    const extraBodySha256 = createHash("sha256").update(JSON.stringify(extraBody)).digest("hex");
    return { ...super.identity(), backend: "openai", modelName, temperature, structuredOutputs, extraBodySha256 };
  }

  protected async generate(messages: ChatMessage[], options: GenerateOptions): Promise<ModelReply> {
    const body = JSON.stringify(buildRequestBody(messages, options, this.#options));
    const request = { structuredOutput: sendsResponseSchema(options, this.#options), apiKey: this.#secret() };
    const connection = await this.#connect();
    return connection.limit(() => this.#complete(connection, body, request, options.signal));
  }

  /** Sends the request until a server gives a usable reply or the attempts run out. */
  async #complete(
    { servers }: Connection,
    body: string,
    request: FailedRequest,
    signal: AbortSignal | undefined,
  ): Promise<ModelReply> {
    // The call may have waited for a free slot; it may have been cancelled meanwhile.
    signal?.throwIfAborted();
    const { timeoutMs, maxRetries } = this.#options;
    // Every server may be tried once (failover); maxRetries counts the tries beyond that.
    const maxAttempts = maxRetries + this.#pool.servers.length;
    for (let attempt = 1; ; attempt += 1) {
      const lease = await this.#pool.acquire(signal);
      const { server } = lease;
      const started = performance.now();
      try {
        const serverConnections = servers[server.index] as ServerConnections;
        const completion = await requestCompletion(serverConnections, body, timeoutMs, signal, request);
        const reply = readReply(completion, this.#secret());
        this.#markAnswered(server);
        // Checked first so that a run with thousands of requests builds no log object per reply for nothing.
        if (this.#logger.isLevelEnabled("debug")) {
          this.#logger.debug(
            {
              server: this.#url(server),
              ms: Math.round(performance.now() - started),
              promptTokens: reply.promptTokens,
              completionTokens: reply.completionTokens,
              finishReason: reply.finishReason,
            },
            "reply received",
          );
        }
        return reply;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure = classifyRequestError(error);
        if (!failure.retriable) {
          this.#markAnswered(server);
          throw this.#error(server, failure, attempt);
        }
        const skippedForMs = this.#pool.markDown(server, failure.retryAfterMs);
        if (attempt >= maxAttempts) throw this.#error(server, failure, attempt);
        this.#logger.warn(
          { server: this.#url(server), problem: failure.problem, attempt, skippedForMs: Math.round(skippedForMs) },
          `${this.#describe(server, failure)}; server skipped for ${Math.round(skippedForMs)} ms, ` +
            `trying again (attempt ${attempt + 1} of at most ${maxAttempts})`,
        );
      } finally {
        this.#pool.release(lease);
      }
    }
  }

  /** Closes the connection pools once their requests have ended. */
  override async dispose(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection) await Promise.all((await connection).servers.map((server) => server.close()));
  }

  #connect(): Promise<Connection> {
    this.#connection ??= this.#openConnections();
    return this.#connection;
  }

  async #openConnections(): Promise<Connection> {
    // Loaded here rather than at the top so that importing this package stays cheap. p-limit is ESM-only:
    // a dynamic import also keeps the CommonJS build working.
    const { apiKey, headers, maxConcurrency } = this.#options;
    const [{ default: pLimit }, servers] = await Promise.all([
      import("p-limit"),
      openServerConnections(this.#options.baseUrls, maxConcurrency, { apiKey, extra: headers }),
    ]);
    return { servers, limit: pLimit(maxConcurrency) };
  }

  #markAnswered(server: ServerState): void {
    if (this.#pool.markUp(server)) {
      this.#logger.info({ server: this.#url(server) }, `${this.#url(server)} answers again`);
    }
  }

  #error(server: ServerState, failure: AttemptFailure, attempts: number): ModelServerError {
    return new ModelServerError({
      serverUrl: this.#url(server),
      modelName: this.modelName,
      problem: failure.problem,
      detail: redactSecret(failure.message, this.#secret()),
      status: failure.status,
      attempts,
    });
  }

  #describe(server: ServerState, failure: AttemptFailure): string {
    return `${this.#url(server)} (model ${this.modelName}): ${redactSecret(failure.message, this.#secret())}`;
  }

  #url(server: ServerState): string {
    return this.baseUrls[server.index] as string;
  }

  #secret(): string | undefined {
    return this.#options.apiKeyIsSecret ? this.#options.apiKey : undefined;
  }
}
