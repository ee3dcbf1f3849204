import pLimit from "p-limit";

/**
 * Runs `task` on every item, at most `concurrency` at once, and stops starting new ones once `signal` is
 * aborted. Items are drawn from the iterable only as slots free up, so a plan of any length never sits in
 * memory as pending tasks.
 *
 * `task` should not throw; if it does, no further items start and the first error is rethrown once the
 * running tasks have settled.
 */
export async function runConcurrently<T>(
  items: Iterable<T>,
  concurrency: number,
  signal: AbortSignal,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const limit = pLimit(concurrency);
  const running = new Set<Promise<void>>();
  let firstError: { error: unknown } | undefined;
  let wake: (() => void) | undefined;

  for (const item of items) {
    // Keep a few tasks queued behind the running ones so that a slot never waits for the loop.
    while (running.size >= concurrency * 2) await new Promise<void>((resolve) => (wake = resolve));
    if (signal.aborted || firstError) break;
    const promise: Promise<void> = limit(() => (signal.aborted || firstError ? undefined : task(item)))
      .catch((error: unknown) => {
        firstError ??= { error };
      })
      .finally(() => {
        running.delete(promise);
        wake?.();
      });
    running.add(promise);
  }
  await Promise.all(running);
  if (firstError) throw firstError.error;
}
