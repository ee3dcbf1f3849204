/** One call's input in a batch, with the signal that may cancel it while the batch runs. */
export interface BatchJob<Input> {
  input: Input;
  signal: AbortSignal | undefined;
}

/** Runs one batch and returns one output per job, in order. */
export type RunBatch<Input, Output> = (jobs: readonly BatchJob<Input>[]) => Promise<Output[]>;

interface Pending<Input, Output> extends BatchJob<Input> {
  key: string;
  resolve(output: Output): void;
  reject(reason: unknown): void;
  settled: boolean;
  onAbort: (() => void) | undefined;
}

/**
 * Collects concurrent calls into batches: calls that arrive in the same tick, or while a batch is running,
 * are run together, at most `maxBatchSize` at a time and only with calls of the same key (calls with
 * different keys, such as different sampling seeds, cannot share a batch). One batch runs at a time.
 *
 * A call whose signal aborts is rejected at once with the signal's reason: while it waits it leaves the queue;
 * while its batch runs, `run` sees `signal.aborted` and may stop working on it.
 */
export class MicroBatcher<Input, Output> {
  readonly #run: RunBatch<Input, Output>;
  readonly #maxBatchSize: number;
  readonly #keyOf: (input: Input) => string;
  readonly #queue: Pending<Input, Output>[] = [];
  #draining: Promise<void> | undefined;
  #closedBecause: Error | undefined;

  constructor(run: RunBatch<Input, Output>, maxBatchSize: number, keyOf: (input: Input) => string = () => "") {
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
      throw new RangeError(`maxBatchSize must be a whole number of at least 1, not ${maxBatchSize}`);
    }
    this.#run = run;
    this.#maxBatchSize = maxBatchSize;
    this.#keyOf = keyOf;
  }

  /** Queues one call; the promise settles with its output when its batch has run. */
  submit(input: Input, signal?: AbortSignal): Promise<Output> {
    if (this.#closedBecause) return Promise.reject(this.#closedBecause);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Output>((resolve, reject) => {
      const pending: Pending<Input, Output> = {
        input,
        signal,
        key: this.#keyOf(input),
        resolve,
        reject,
        settled: false,
        onAbort: undefined,
      };
      if (signal) {
        pending.onAbort = () => {
          const queued = this.#queue.indexOf(pending);
          if (queued >= 0) this.#queue.splice(queued, 1);
          settle(pending, () => reject(signal.reason));
        };
        signal.addEventListener("abort", pending.onAbort, { once: true });
      }
      this.#queue.push(pending);
      this.#draining ??= this.#drain();
    });
  }

  /**
   * Stops taking calls: queued calls are rejected with `reason`, and the promise resolves once the batch that
   * is running (if any) has finished.
   */
  async close(reason: Error): Promise<void> {
    this.#closedBecause ??= reason;
    for (const pending of this.#queue.splice(0)) settle(pending, () => pending.reject(reason));
    await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        // Wait a turn of the event loop, so that calls made in the same tick (or right after the previous
        // batch settled) join this batch.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.#takeBatch();
        if (batch.length === 0) return;
        await this.#runBatch(batch);
      }
    } finally {
      // The queue was found empty in this same synchronous step, so no call can be left behind.
      this.#draining = undefined;
    }
  }

  #takeBatch(): Pending<Input, Output>[] {
    const first = this.#queue[0];
    if (!first) return [];
    const batch: Pending<Input, Output>[] = [];
    for (let index = 0; index < this.#queue.length && batch.length < this.#maxBatchSize; ) {
      const pending = this.#queue[index] as Pending<Input, Output>;
      if (pending.key === first.key) {
        batch.push(pending);
        this.#queue.splice(index, 1);
      } else {
        index += 1;
      }
    }
    return batch;
  }

  async #runBatch(batch: Pending<Input, Output>[]): Promise<void> {
    try {
      const outputs = await this.#run(batch.map(({ input, signal }) => ({ input, signal })));
      batch.forEach((pending, index) => {
        settle(pending, () => pending.resolve(outputs[index] as Output));
      });
    } catch (error) {
      for (const pending of batch) settle(pending, () => pending.reject(error));
    }
  }
}

function settle<Input, Output>(pending: Pending<Input, Output>, action: () => void): void {
  if (pending.settled) return;
  pending.settled = true;
  if (pending.onAbort) pending.signal?.removeEventListener("abort", pending.onAbort);
  action();
}
