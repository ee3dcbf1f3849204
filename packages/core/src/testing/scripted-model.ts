import { BaseModel } from "../model/base-model.js";
import type { ChatMessage, GenerateOptions, ModelReply } from "../model/messages.js";
import { delay } from "../util/delay.js";

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
  /**
   * Keep every call in {@link ScriptedModel.calls}. Default `true`; turn it off for long runs (benchmarks),
   * where the record would grow with every call.
   */
  recordCalls?: boolean;
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
  /** Every call received, in order (empty when `recordCalls` is off). */
  readonly calls: RecordedCall[] = [];
  readonly #recordCalls: boolean;
  #callCount = 0;
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
    recordCalls = true,
  }: ScriptedModelOptions) {
    super({ name, maxOutTokens, ...(removeStringList ? { removeStringList } : {}) });
    if (Array.isArray(replies) && replies.length === 0) {
      throw new RangeError("a ScriptedModel needs at least one reply");
    }
    this.#replies = replies;
    this.#latencyMs = latencyMs;
    this.concurrency = concurrency;
    this.#recordCalls = recordCalls;
  }

  protected async generate(messages: ChatMessage[], options: GenerateOptions): Promise<ModelReply> {
    const call = this.#callCount++;
    if (this.#recordCalls) this.calls.push({ messages, options });
    await this.#acquire();
    try {
      const latency = typeof this.#latencyMs === "function" ? this.#latencyMs(call) : this.#latencyMs;
      if (latency > 0) await delay(latency, options.signal);
      const scripted =
        typeof this.#replies === "function"
          ? await this.#replies(messages, call, options)
          : (this.#replies[call % this.#replies.length] as ScriptedReply);
      const reply = typeof scripted === "string" ? { text: scripted } : scripted;
      return {
        promptTokens: messages.reduce((sum, message) => sum + countWords(message.content), 0),
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

// Counted without splitting: the prompt of every call passes through here, and benchmarks make millions.
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const space = isSpace(text.charCodeAt(index));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** The characters that `\s` matches in a JavaScript regular expression. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
