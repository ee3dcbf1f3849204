/**
 * Runs `task` on every item, at most `concurrency` at once, starting them in the items' order, and yields
 * each result in that order as soon as it and every result before it are ready. A slot that frees up starts
 * the next item even while an earlier one is still running, so one slow item holds back only the yielding,
 * never the work.
 *
 * As in a loop, the results before a failed item are still yielded, then its error is thrown. Once a task
 * fails, or `signal` aborts, no further item starts. Each task gets a signal that aborts with `signal` and
 * when the consumer stops iterating (early, or at the error); the generator settles every started task
 * before it finishes, so nothing keeps running behind the caller's back.
 *
 * @throws the error of the first failed item in the items' order, or the abort reason of `signal`.
 */
export async function* mapInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): AsyncGenerator<R> {
  const stop = new AbortController();
  const taskSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const started: Promise<R>[] = [];
  let running = 0;
  let failed = false;
  const startMore = (): void => {
    while (running < concurrency && started.length < items.length && !failed && !taskSignal.aborted) {
      const item = items[started.length] as T;
      running += 1;
      const result = Promise.resolve().then(() => task(item, taskSignal));
      started.push(result);
      const settle = () => {
        running -= 1;
        startMore();
      };
      // A failure is thrown where its result is awaited, in order; here it only stops further starts.
      result.then(settle, () => {
        failed = true;
        settle();
      });
    }
  };
  try {
    startMore();
    for (let index = 0; index < items.length; index++) {
      const result = started[index];
      if (result === undefined) {
        // Starting stops before this item only when the caller's signal aborted (a failed item is thrown
        // when its turn comes, before any item after it).
        taskSignal.throwIfAborted();
        throw new Error(`item ${index} was never started`);
      }
      yield await result;
    }
  } finally {
    stop.abort(new Error("the consumer stopped before every item was done"));
    await Promise.allSettled(started);
  }
}
