import { statSync } from "node:fs";
import { join } from "node:path";
import { chooseCpuThreads, type Logger, registerCpuModel } from "@syndisco/core";
import { onnxFileName } from "./model-files.js";
import type { ModelSource } from "./model-source.js";
import type { TransformersDtype, TransformersModelOptions } from "./options.js";

/** ONNX Runtime's thread counts for one session, held until the model is disposed. */
export interface SessionThreads {
  intraOpNumThreads: number;
  interOpNumThreads: number;
  /** Stops counting the model among this process's CPU models. */
  release(): void;
}

/** What {@link sessionThreads} looks at besides the options. */
export interface SessionThreadsContext {
  source: ModelSource;
  dtype: TransformersDtype;
  logger: Logger;
}

/**
 * The intra-op and inter-op thread counts of a model's ONNX session. Given ones (as options, or in
 * `sessionOptions`) are used as they are. Without them:
 *
 * - intra-op threads follow core's conservative rule (`chooseCpuThreads`: one core left to the process,
 *   cores busy with other processes not counted, the rest shared by this process's CPU models, and no more
 *   threads than the model's size makes worth it), logged at debug level. ONNX Runtime's own default, a
 *   thread per physical core that spins between operators, slows down sharply when a core is busy;
 * - one inter-op thread: the session runs its operators in sequence (ONNX Runtime's default execution mode),
 *   which uses no inter-op threads, so more would only sit idle.
 *
 * A hub model's size is unknown before it is downloaded, so it is taken as large.
 */
export async function sessionThreads(
  options: TransformersModelOptions,
  { source, dtype, logger }: SessionThreadsContext,
): Promise<SessionThreads> {
  const interOpNumThreads = options.interOpNumThreads ?? numberIn(options.sessionOptions, "interOpNumThreads") ?? 1;
  const given = options.intraOpNumThreads ?? numberIn(options.sessionOptions, "intraOpNumThreads");
  if (given !== undefined) return { intraOpNumThreads: given, interOpNumThreads, release: registerCpuModel(given) };
  const modelBytes =
    source.kind === "local" ? statSync(join(source.folder, onnxFileName(dtype))).size : Number.POSITIVE_INFINITY;
  const choice = await chooseCpuThreads(modelBytes);
  const { threads, cores, busyElsewhere, modelsInProcess, reason } = choice;
  logger.debug(
    { model: options.name, intraOpNumThreads: threads, cores, busyElsewhere, modelsInProcess, modelBytes },
    `intraOpNumThreads not set: using ${threads} intra-op thread(s): ${reason}. Set intraOpNumThreads to choose another number`,
  );
  return { intraOpNumThreads: threads, interOpNumThreads, release: choice.release };
}

/** A number given under `key` in the pass-through session options, if any. */
function numberIn(sessionOptions: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = sessionOptions?.[key];
  return typeof value === "number" ? value : undefined;
}
