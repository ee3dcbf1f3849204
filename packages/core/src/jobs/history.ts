import type { HistoryComment } from "../actor/prompt-22.js";

/**
 * The last few comments: what the next speaker or an annotator sees. Each speaker formats them in its own
 * prompt style.
 */
export class History {
  readonly #limit: number;
  #comments: HistoryComment[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(comment: HistoryComment): void {
    if (this.#limit === 0) return;
    this.#comments.push(comment);
    if (this.#comments.length > this.#limit) this.#comments.shift();
  }

  recent(): readonly HistoryComment[] {
    return [...this.#comments];
  }
}
