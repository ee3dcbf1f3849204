import { BaseModel } from "../model/base-model.js";
import type { ChatMessage, GenerateOptions, ModelReply } from "../model/messages.js";

/** What a scripted reply may be: text, or a whole reply with token counts and finish reason. */
export type ScriptedReply = string | ModelReply;

/** Computes a reply from the prompt and the call's 0-based number. */
export type ReplyFunction = (
  messages: readonly ChatMessage[],
  call: number,
  options: GenerateOptions,
) => ScriptedReply | Promise<ScriptedReply>;

/** Options of {@link ScriptedModel}. */
export interface ScriptedModelOptions {
  /** Replies in order (repeated from the start when used up), or a function that computes them. */
  replies: readonly ScriptedReply[] | ReplyFunction;
  name?: string;
  maxOutTokens?: number;
  removeStringList?: readonly string[];
  /** Delay before each reply, in milliseconds: a number, or a function of the call number. Default 0. */
  latencyMs?: number | ((call: number) => number);
  /** How many calls run at once; the rest wait. Default: unlimited. */
  concurrency?: number;
}

/** One call the model received. */
export interface RecordedCall {
  messages: readonly ChatMessage[];
  options: GenerateOptions;
}

/**
 * A deterministic model for tests: it answers from a script instead of a neural network. Token counts are
 * whitespace-separated words, unless a scripted reply gives its own.
 *
 * @example
 * ```ts
 * import { ScriptedModel } from "@syndisco/core/testing";
 * const model = new ScriptedModel({ replies: ["Hello!", "How are you?"], latencyMs: 5 });
 * ```
 */
export class ScriptedModel extends BaseModel {
  readonly concurrency: number;
  /** Every call received, in order. */
  readonly calls: RecordedCall[] = [];
  readonly #replies: readonly ScriptedReply[] | ReplyFunction;
  readonly #latencyMs: number | ((call: number) => number);
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor({
    replies,
    name = "scripted",
    maxOutTokens = 100,
    removeStringList,
    latencyMs = 0,
    concurrency = Number.POSITIVE_INFINITY,
  }: ScriptedModelOptions) {
    super({ name, maxOutTokens, ...(removeStringList ? { removeStringList } : {}) });
    if (Array.isArray(replies) && replies.length === 0) {
      throw new RangeError("a ScriptedModel needs at least one reply");
    }
    this.#replies = replies;
    this.#latencyMs = latencyMs;
    this.concurrency = concurrency;
  }

  protected async generate(messages: ChatMessage[], options: GenerateOptions): Promise<ModelReply> {
    const call = this.calls.length;
    this.calls.push({ messages, options });
    await this.#acquire();
    try {
      const latency = typeof this.#latencyMs === "function" ? this.#latencyMs(call) : this.#latencyMs;
      if (latency > 0) await sleep(latency, options.signal);
      const scripted =
        typeof this.#replies === "function"
          ? await this.#replies(messages, call, options)
          : (this.#replies[call % this.#replies.length] as ScriptedReply);
      const reply = typeof scripted === "string" ? { text: scripted } : scripted;
      return {
        promptTokens: countWords(messages.map((message) => message.content).join(" ")),
        completionTokens: countWords(reply.text),
        finishReason: "stop",
        ...reply,
      };
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.concurrency) {
      this.#active += 1;
      return;
    }
    // The slot is handed over by #release without being freed, so the count stays right.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
