import type { ExperimentSummary } from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { evaluatedPerTurnText, formatDuration } from "../progress/format.js";
import { errorText } from "../progress/plain-progress.js";

/**
 * One line about a finished phase: `Discussions: 4/4 done, 0 failed, in 12.3 s → out/discussions`, with the
 * prompt tokens the backend evaluated per comment where it says (`…, in 8.1 s, 96 prompt tokens evaluated per
 * annotated comment (44% of the prompts) → out/annotations`).
 */
export function summaryLine(label: string, summary: ExperimentSummary): string {
  const resumed = summary.alreadyDone > 0 ? ` (${summary.alreadyDone} from an earlier run)` : "";
  const evaluation = summary.promptEvaluation;
  const turn = label === "Annotations" ? "annotated comment" : "comment";
  const evaluated = evaluation
    ? `, ${evaluatedPerTurnText(evaluation.evaluatedPerTurn)} prompt tokens evaluated per ${turn} (${Math.round(evaluation.evaluatedShare * 100)}% of the prompts)`
    : "";
  return `${label}: ${summary.finished}/${summary.total} done${resumed}, ${summary.failed.length} failed, in ${formatDuration(summary.durationMs)}${evaluated} → ${summary.outputDir}`;
}

/** The failed units of a phase and where the journal is, or nothing when none failed. */
export function failureReport(label: string, summary: ExperimentSummary): string {
  if (summary.failed.length === 0) return "";
  const lines = summary.failed.map(({ unitId, error }) => `  ${unitId}: ${errorText(error)}`);
  return [
    `${summary.failed.length} of ${summary.total} ${label.toLowerCase()} failed:`,
    ...lines,
    `Journal: ${summary.journalPath}`,
    "Run the same command again to retry them; finished units are kept.",
    "",
  ].join("\n");
}

/** 0 when every unit of every phase finished, 1 when some failed, 130 when a phase was interrupted. */
export function exitCodeFor(summaries: readonly ExperimentSummary[]): ExitCode {
  if (summaries.some((summary) => summary.interrupted)) return ExitCode.INTERRUPTED;
  if (summaries.some((summary) => summary.failed.length > 0)) return ExitCode.UNITS_FAILED;
  return ExitCode.OK;
}
