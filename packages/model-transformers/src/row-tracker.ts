/** What one row of a batch asks for. */
export interface RowLimits {
  /** The most tokens this row may generate. */
  maxNewTokens: number;
  /** Strings that end this row as soon as its reply contains one; the reply ends before it. */
  stop: readonly string[];
  /** Cancels this row. */
  signal?: AbortSignal | undefined;
}

/** How a row ended. */
export interface RowOutcome {
  /** The reply, cut before the first stop string. */
  text: string;
  /** Tokens generated for the row up to where it ended (a closing end-of-sequence token included). */
  completionTokens: number;
  /** `length` when the token limit ended the row, `stop` for a stop string or end-of-sequence token. */
  finishReason: "stop" | "length";
}

/** Decodes a row's generated tokens into the reply text. */
export type DecodeReply = (generated: readonly number[]) => string;

interface RowEnd {
  tokens: number;
  reason: "stop" | "length" | "aborted";
}

/**
 * Follows one row of a batch as tokens are generated and decides when it is finished: at an
 * end-of-sequence token, at a stop string, at its own token limit, or when its signal aborts. The batch as a
 * whole goes on while any row is unfinished; tokens a row gets after it finished are ignored.
 */
export class RowTracker {
  readonly #limits: RowLimits;
  readonly #eosTokenIds: ReadonlySet<number>;
  readonly #decode: DecodeReply;
  #end: RowEnd | undefined;

  constructor(limits: RowLimits, eosTokenIds: ReadonlySet<number>, decode: DecodeReply) {
    this.#limits = limits;
    this.#eosTokenIds = eosTokenIds;
    this.#decode = decode;
  }

  /** Whether the row is finished. */
  get done(): boolean {
    return this.#end !== undefined;
  }

  /**
   * Looks at the row's tokens after a generation step.
   *
   * @param generated - every token generated for this row so far.
   * @returns whether the row is finished.
   */
  observe(generated: readonly number[]): boolean {
    if (this.#end) return true;
    const count = generated.length;
    if (this.#limits.signal?.aborted) {
      this.#end = { tokens: count, reason: "aborted" };
    } else if (count > 0 && this.#eosTokenIds.has(generated[count - 1] as number)) {
      this.#end = { tokens: count, reason: "stop" };
    } else if (this.#limits.stop.length > 0 && firstStopIndex(this.#decode(generated), this.#limits.stop) >= 0) {
      this.#end = { tokens: count, reason: "stop" };
    } else if (count >= this.#limits.maxNewTokens) {
      this.#end = { tokens: count, reason: "length" };
    }
    return this.#end !== undefined;
  }

  /** The row's reply, from every token generated for it in the batch. */
  outcome(generated: readonly number[]): RowOutcome {
    // A row that never reported an end ran until the batch's token limit.
    const end = this.#end ?? { tokens: generated.length, reason: "length" };
    const tokens = generated.slice(0, end.tokens);
    let text = this.#decode(tokens);
    const stopAt = firstStopIndex(text, this.#limits.stop);
    if (stopAt >= 0) text = text.slice(0, stopAt);
    // A reply cut by the token limit may end inside a multi-byte character.
    else if (end.reason === "length") text = text.replace(/\uFFFD+$/u, "");
    return { text, completionTokens: tokens.length, finishReason: end.reason === "length" ? "length" : "stop" };
  }
}

/** The index of the earliest stop string in `text`, or -1. */
export function firstStopIndex(text: string, stop: readonly string[]): number {
  let first = -1;
  for (const candidate of stop) {
    if (!candidate) continue;
    const index = text.indexOf(candidate);
    if (index >= 0 && (first < 0 || index < first)) first = index;
  }
  return first;
}
