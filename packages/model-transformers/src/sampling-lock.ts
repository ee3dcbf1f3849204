/** transformers.js's random number generator, which its samplers share process-wide. */
export interface SeedableRandom {
  /** Seeds it; without a value, from the operating system's entropy. */
  seed(value?: number): void;
}

let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs a sampled generation alone among sampled generations of every model in this process, after seeding
 * the shared generator. Sampling draws from one global generator, so two sampled batches that interleaved
 * would draw each other's numbers and neither seed would reproduce its text.
 *
 * @param seed - the seed, or `undefined` for a fresh one from the operating system.
 */
export function runSampled<T>(random: SeedableRandom, seed: number | undefined, task: () => Promise<T>): Promise<T> {
  const run = previous.then(() => {
    random.seed(seed);
    return task();
  });
  previous = run.catch(() => undefined);
  return run;
}
