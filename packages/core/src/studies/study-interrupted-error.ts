import type { StudySummary } from "./study-events.js";

/**
 * `Study.begin()` rejects with this error when the study was stopped by SIGINT, SIGTERM or the caller's
 * signal. Finished discussions are on disk; the message says how many and how to finish the rest.
 */
export class StudyInterruptedError extends Error {
  override readonly name = "StudyInterruptedError";
  /** The state of the study when it stopped. */
  readonly summary: StudySummary;

  constructor(summary: StudySummary, reason: string) {
    super(
      `The study was interrupted (${reason}): ${summary.finished} of ${summary.total} discussions are done ` +
        `in ${summary.outputDir}. To finish it, run the same study with the same output folder again; ` +
        "finished discussions are kept and skipped.",
    );
    this.summary = summary;
  }
}
