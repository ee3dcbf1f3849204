import { InputError } from "../errors.js";
import type { ChatMessage, GenerateOptions, ModelReply, PromptOptions } from "./messages.js";

/** Options every model takes. */
export interface BaseModelOptions {
  /** The name written into output files (`model` in each comment). */
  name: string;
  /** The most tokens one reply may have. */
  maxOutTokens: number;
  /** Strings deleted from every reply (for example special tokens that leak through a chat template). */
  removeStringList?: readonly string[];
}

/**
 * The one thing SynDisco needs from a language model: chat messages in, text out.
 *
 * The framework calls {@link BaseModel.prompt}; a backend implements {@link BaseModel.generate}. Backends
 * accept concurrent calls (queueing, pooling or batching them internally) and say through
 * {@link BaseModel.concurrency} how many they serve at once.
 *
 * @example
 * ```ts
 * class EchoModel extends BaseModel {
 *   readonly concurrency = Number.POSITIVE_INFINITY;
 *   protected async generate(messages: ChatMessage[]) {
 *     return { text: messages.at(-1)?.content ?? "" };
 *   }
 * }
 * ```
 */
export abstract class BaseModel {
  readonly name: string;
  readonly maxOutTokens: number;
  readonly removeStringList: readonly string[];

  /** How many `prompt` calls this backend serves at once; further calls wait in its queue. */
  abstract readonly concurrency: number;

  /**
   * Whether this backend holds its replies to a prompt's `responseSchema` (a llama.cpp grammar, a server's
   * structured outputs). Backends that cannot leave it `false`: they ignore the schema, and the caller must
   * check the reply (or, like `syndisco serve`, refuse a request that needs it).
   */
  readonly supportsResponseSchema: boolean = false;

  constructor({ name, maxOutTokens, removeStringList = [] }: BaseModelOptions) {
    if (!name.trim()) throw new InputError("a model needs a non-empty name", { field: "name" });
    if (!Number.isInteger(maxOutTokens) || maxOutTokens < 1) {
      throw new InputError(`maxOutTokens must be a whole number of at least 1, not ${maxOutTokens}`, {
        field: "maxOutTokens",
      });
    }
    this.name = name;
    this.maxOutTokens = maxOutTokens;
    this.removeStringList = [...removeStringList];
  }

  /**
   * Generates a reply to a chat. Safe to call concurrently.
   *
   * @returns the reply text with every string of `removeStringList` deleted, and token counts and the
   *   finish reason where the backend knows them.
   */
  async prompt(messages: readonly ChatMessage[], options: PromptOptions = {}): Promise<ModelReply> {
    if (messages.length === 0) throw new InputError("a prompt needs at least one message", { field: "messages" });
    options.signal?.throwIfAborted();
    // The defaults come before the caller's options, not after: V8 keeps a spread copy that gains new keys
    // alive past young-generation collections, which at thousands of calls a second grows the heap.
    const generateOptions: GenerateOptions = { stop: [], maxOutTokens: this.maxOutTokens, ...options };
    generateOptions.stop ??= [];
    generateOptions.maxOutTokens ??= this.maxOutTokens;
    const reply = await this.generate([...messages], generateOptions);
    return this.removeStringList.length === 0 ? reply : { ...reply, text: this.#removeStrings(reply.text) };
  }

  /**
   * Everything about this model that changes its replies, as JSON: experiments put it in their fingerprint,
   * so that a folder made with another model file or other generation settings is never resumed as if it were
   * the same experiment. Backends add what they know (the model file, the sampling options, the chat
   * template); leave out what only changes speed (threads, batch sizes, servers). Override it as
   * `{ ...super.identity(), backend: "mine", temperature: this.temperature }`.
   */
  identity(): Record<string, unknown> {
    return { name: this.name, maxOutTokens: this.maxOutTokens, removeStringList: this.removeStringList };
  }

  /** Frees what the backend holds (native memory, connections). The model cannot be used afterwards. */
  async dispose(): Promise<void> {}

  /** Generates the raw reply. Backends implement this; the framework never calls it directly. */
  protected abstract generate(messages: ChatMessage[], options: GenerateOptions): Promise<ModelReply>;

  #removeStrings(text: string): string {
    let cleaned = text;
    for (const unwanted of this.removeStringList) {
      if (unwanted) cleaned = cleaned.split(unwanted).join("");
    }
    return cleaned;
  }
}
