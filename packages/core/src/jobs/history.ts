/** The last few formatted comments: what the next speaker or an annotator sees. */
export class History {
  readonly #limit: number;
  #comments: string[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(comment: string): void {
    if (this.#limit === 0) return;
    this.#comments.push(comment);
    if (this.#comments.length > this.#limit) this.#comments.shift();
  }

  recent(): readonly string[] {
    return [...this.#comments];
  }
}
