import type { StudySummary } from "@syndisco/core";
import type { ExitCode } from "../exit-codes.js";
import { openModels } from "../plugins/model-set.js";
import type { ProgressChoice } from "../progress/create-progress.js";
import { StudyProgress } from "../progress/study-progress.js";
import { annotateCells } from "./annotate-cells.js";
import { unloadedModels } from "./prepare-run.js";
import type { PreparedStudyRun } from "./prepare-study-run.js";
import { exitCodeFor, failureReport, summaryLine } from "./summary-output.js";

/**
 * Runs a prepared study: its cells model by model (core's `Study.begin`), then, when the config has an
 * annotation section, its annotators over every selected cell (`annotations/<cell>`). Prints a summary.
 *
 * @returns 0 when every discussion and annotation finished, 1 when some failed or a cell did not run.
 * @throws core's `StudyInterruptedError` after Ctrl-C or SIGTERM (finished discussions are kept).
 */
export async function executeStudy(run: PreparedStudyRun, progress: ProgressChoice): Promise<ExitCode> {
  const { config, study } = run;
  const prepared = new Map(run.models.map((model) => [model.name, model]));
  const reporter = new StudyProgress(progress);
  let summary: StudySummary;
  try {
    summary = await study.begin({
      outputDir: config.outputDir,
      ...run.selection,
      planningModels: unloadedModels(run),
      loadModel: async (key) => {
        const model = prepared.get(key);
        if (!model) throw new Error(`the model "${key}" was not prepared`);
        return (await openModels([model], config)).get(key);
      },
      onProgress: (event) => reporter.onEvent(event),
    });
  } finally {
    reporter.stop();
  }
  const annotations = run.annotate ? await annotateCells(run, progress) : [];
  if (!progress.quiet) {
    const resumed = summary.alreadyDone > 0 ? ` (${summary.alreadyDone} from an earlier run)` : "";
    process.stdout.write(
      `Study: ${summary.cells.length} cells, ${summary.finished}/${summary.total} discussions done${resumed}, ` +
        `${summary.failed} failed → ${summary.outputDir}\n`,
    );
  }
  const troubled = summary.cells.filter((cell) => cell.error || (cell.summary?.failed.length ?? 0) > 0);
  for (const cell of troubled) {
    if (cell.summary) process.stderr.write(failureReport(`Discussions of ${cell.id}`, cell.summary));
    if (cell.error && !cell.summary) process.stderr.write(`${cell.id}: ${cell.error}\n`);
  }
  for (const { label, summary: annotated } of annotations) {
    if (!progress.quiet) process.stdout.write(`${summaryLine(label, annotated)}\n`);
    process.stderr.write(failureReport(label, annotated));
  }
  const cellSummaries = summary.cells.flatMap((cell) => (cell.summary ? [cell.summary] : []));
  const code = exitCodeFor([...cellSummaries, ...annotations.map(({ summary: annotated }) => annotated)]);
  return troubled.some((cell) => cell.error) && code === 0 ? 1 : code;
}
