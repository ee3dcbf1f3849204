import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type DiscussionDiversity, DiversityCalculator } from "../measures/diversity.js";
import type { DiversityJob, DiversityResult } from "./diversity-messages.js";

/** Options of {@link computeDiversities}. */
export interface DiversityOptions {
  /** Worker threads; default all cores (`os.availableParallelism()`). 1 computes in this thread. */
  threads?: number;
}

/** Batches per thread: enough that a thread with long discussions does not hold the others up. */
const BATCHES_PER_THREAD = 8;

/**
 * The diversity of each discussion (given as its comments' texts), in order. ROUGE-L over every pair of
 * comments is the costly part of an analysis, so batches of discussions go to worker threads, one per core;
 * each worker reuses its buffers across the pairs and discussions it computes.
 */
export async function computeDiversities(
  discussions: readonly (readonly string[])[],
  { threads = availableParallelism() }: DiversityOptions = {},
): Promise<DiscussionDiversity[]> {
  const workers = Math.min(threads, discussions.length);
  if (workers <= 1) {
    const calculator = new DiversityCalculator();
    return discussions.map((texts) => calculator.diversity(texts));
  }
  const batchSize = Math.ceil(discussions.length / (workers * BATCHES_PER_THREAD));
  const jobs: DiversityJob[] = [];
  for (let start = 0; start < discussions.length; start += batchSize) {
    jobs.push({ batch: jobs.length, discussions: discussions.slice(start, start + batchSize) as string[][] });
  }
  const results: DiscussionDiversity[][] = new Array(jobs.length);
  let next = 0;
  const pool = Array.from({ length: workers }, () => new Worker(workerUrl()));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const sendNext = () => {
              const job = jobs[next++];
              if (job) worker.postMessage(job);
              else resolve();
            };
            worker.on("message", ({ batch, results: batchResults }: DiversityResult) => {
              results[batch] = batchResults;
              sendNext();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`a diversity worker stopped with code ${code}`)));
            sendNext();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results.flat();
}

/** The built worker beside this module: `diversity-worker.js` (ESM) or `.cjs` (CommonJS). */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith(".cjs") ? "cjs" : "js";
  return new URL(`./diversity-worker.${extension}`, import.meta.url);
}
