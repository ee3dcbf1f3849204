import { existsSync } from "node:fs";
import type { ExperimentSummary } from "@syndisco/core";
import type { ExitCode } from "../exit-codes.js";
import { openModels } from "../plugins/model-set.js";
import { createProgress, type ProgressChoice } from "../progress/create-progress.js";
import { type OutputFolders, outputFolders } from "./output-folders.js";
import { buildExperiments, type PreparedRun } from "./prepare-run.js";
import { exitCodeFor, failureReport, summaryLine } from "./summary-output.js";

/**
 * Loads the models of a prepared run, runs its discussions and then its annotations (each resuming what an
 * earlier run left unfinished), prints a summary, and frees the models. The annotations read the discussions
 * of `folders.discussions`.
 *
 * @returns the exit code: 0 when every unit finished, 1 when some failed.
 * @throws core's `ExperimentInterruptedError` after Ctrl-C or SIGTERM (finished units are kept).
 */
export async function executeRun(
  run: PreparedRun,
  progress: ProgressChoice,
  folders: OutputFolders = outputFolders(run.config.outputDir),
): Promise<ExitCode> {
  const models = await openModels(run.models, run.config);
  const summaries: { label: string; summary: ExperimentSummary }[] = [];
  try {
    const experiments = buildExperiments(run, (name) => models.get(name));
    if (experiments.discussions) {
      const reporter = createProgress("discussions", progress);
      try {
        const summary = await experiments.discussions.begin({
          outputDir: folders.discussions,
          verbose: false,
          onProgress: (event) => reporter.onEvent(event),
        });
        summaries.push({ label: "Discussions", summary });
      } finally {
        reporter.stop();
      }
    }
    if (experiments.annotation && existsSync(folders.discussions)) {
      const reporter = createProgress("annotations", progress);
      try {
        const summary = await experiments.annotation.begin({
          discussionsDir: folders.discussions,
          outputDir: folders.annotations,
          verbose: false,
          onProgress: (event) => reporter.onEvent(event),
        });
        summaries.push({ label: "Annotations", summary });
      } finally {
        reporter.stop();
      }
    }
  } finally {
    await models.dispose();
  }
  for (const { label, summary } of summaries) {
    if (!progress.quiet) process.stdout.write(`${summaryLine(label, summary)}\n`);
    process.stderr.write(failureReport(label, summary));
  }
  return exitCodeFor(summaries.map(({ summary }) => summary));
}
