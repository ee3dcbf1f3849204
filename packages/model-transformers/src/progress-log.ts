import type { ProgressInfo } from "@huggingface/transformers";
import type { Logger } from "@syndisco/core";

const STEP_PERCENT = 25;

/**
 * The default progress reporter of a hub model: one `info` line per file each time its download passes
 * another quarter, so that a long first download shows it is alive without flooding the log.
 */
export function createProgressLog(logger: Logger, modelId: string): (info: ProgressInfo) => void {
  const reported = new Map<string, number>();
  return (info) => {
    if (info.status !== "progress" || !info.total) return;
    const step = Math.floor(info.progress / STEP_PERCENT) * STEP_PERCENT;
    if (step <= (reported.get(info.file) ?? -1)) return;
    reported.set(info.file, step);
    const megabytes = (info.total / 1e6).toFixed(1);
    logger.info(
      { model: modelId, file: info.file, percent: step },
      `${modelId}: ${info.file} ${step}% of ${megabytes} MB`,
    );
  };
}
