/**
 * Admits a model's requests up to what it serves at once plus a bounded queue, and estimates when a refused
 * client may try again. The model keeps its own queue; this only counts, so that the waiting requests (and
 * their bodies) cannot grow without bound.
 */
export class Admission {
  readonly #capacity: number;
  #outstanding = 0;
  /** A moving average of how long a request is admitted (waiting and served), in ms; 0 until one finishes. */
  #averageMs = 0;

  /**
   * @param concurrency - requests the model serves at once (at least 1; infinite for a remote model).
   * @param maxQueue - requests that may wait beyond those.
   */
  constructor(concurrency: number, maxQueue: number) {
    this.#capacity = Math.max(1, concurrency) + maxQueue;
  }

  /**
   * Takes a place for one request.
   *
   * @returns a function that gives the place back (call it once, when the request is done), or `undefined`
   *   when the queue is full.
   */
  enter(): (() => void) | undefined {
    if (this.#outstanding >= this.#capacity) return undefined;
    this.#outstanding++;
    const started = performance.now();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#outstanding--;
      const took = performance.now() - started;
      this.#averageMs = this.#averageMs === 0 ? took : 0.8 * this.#averageMs + 0.2 * took;
    };
  }

  /**
   * Whole seconds (at least 1) after which a refused client should try again: how long admitted requests
   * lately took from admission to answer, which is about when the requests queued now will have been served.
   */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.#averageMs / 1000));
  }
}
