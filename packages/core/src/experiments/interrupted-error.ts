import type { ExperimentSummary } from "./events.js";

/**
 * `begin()` rejects with this error when the experiment was stopped by SIGINT, SIGTERM or the caller's
 * signal. Finished units are on disk and the journal records the interruption; the message says how many
 * units are done and how to finish the rest.
 */
export class ExperimentInterruptedError extends Error {
  override readonly name = "ExperimentInterruptedError";
  /** The state of the experiment when it stopped. */
  readonly summary: ExperimentSummary;

  constructor(summary: ExperimentSummary, reason: string, unitNoun: string) {
    super(
      `The experiment was interrupted (${reason}): ${summary.finished} of ${summary.total} ${unitNoun} are done ` +
        `in ${summary.outputDir}. To finish it, run the same experiment with the same outputDir again; ` +
        `finished ${unitNoun} are kept and skipped.`,
    );
    this.summary = summary;
  }
}
