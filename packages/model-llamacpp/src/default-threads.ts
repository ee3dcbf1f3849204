import { statSync } from "node:fs";
import { chooseCpuThreads, type Logger, registerCpuModel } from "@syndisco/core";
import type { Llama } from "node-llama-cpp";

/** The CPU threads a model evaluates with, held until the model is disposed. */
export interface ThreadLease {
  readonly threads: number;
  /** Stops counting the model among this process's CPU models (so that models loaded later get its cores). */
  release(): void;
}

/**
 * The thread count for a model's context: the `threads` option when given, else core's conservative rule
 * (`chooseCpuThreads`: one core left to the process, cores busy with other processes not counted, the rest
 * shared by this process's CPU models, and no more threads than the model's size makes worth it), which is
 * logged at debug level. node-llama-cpp's own default, every math core or at least 4, collapses when any of
 * those threads loses its core: on a 2-core machine it made no progress in minutes.
 */
export async function threadsFor(
  explicit: number | undefined,
  { llama, modelFile, modelName, logger }: { llama: Llama; modelFile: string; modelName: string; logger: Logger },
): Promise<ThreadLease> {
  if (explicit !== undefined) return { threads: explicit, release: registerCpuModel(explicit) };
  const choice = await chooseCpuThreads(statSync(modelFile).size, llama.cpuMathCores);
  const { threads, cores, busyElsewhere, modelsInProcess, modelBytes, reason } = choice;
  logger.debug(
    { model: modelName, threads, cores, busyElsewhere, modelsInProcess, modelBytes },
    `threads not set: using ${threads} CPU thread(s): ${reason}. Set threads to choose another number`,
  );
  return choice;
}
