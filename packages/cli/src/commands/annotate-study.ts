import { InputError } from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { annotateCells } from "../run/annotate-cells.js";
import { prepareStudyRun } from "../run/prepare-study-run.js";
import { formatStudyAnnotationPlan, studyAnnotationPlan } from "../run/study-annotation-plan.js";
import { exitCodeFor, failureReport, summaryLine } from "../run/summary-output.js";
import type { AnnotateCommandOptions } from "./annotate.js";
import { overridesOf } from "./run.js";

/**
 * `syndisco annotate <config>` for a config with a `study` section: the annotation section over every cell
 * (or those `--cells` names) that has discussions, each cell's annotations in `<output>/annotations/<cell>`.
 * `--dry-run` prints each cell's annotations, done and to do, without loading a model or writing a file.
 */
export async function annotateStudyCommand(configPath: string, options: AnnotateCommandOptions): Promise<ExitCode> {
  const run = await prepareStudyRun(configPath, overridesOf(options), {
    ...(options.cells !== undefined ? { cells: options.cells } : {}),
    discussions: false,
    dryRun: options.dryRun,
  });
  if (!run.annotate) {
    throw new InputError("missing; `syndisco annotate` needs it to know who annotates", {
      file: run.config.displayPath,
      field: "annotation",
      fix: "Add an annotation section with a model and annotators (syndisco init writes an example)",
    });
  }
  if (options.dryRun) {
    const plan = await studyAnnotationPlan(run);
    process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : formatStudyAnnotationPlan(run, plan));
    return ExitCode.OK;
  }
  const progress = { quiet: options.quiet ?? false, stream: process.stderr };
  const annotated = await annotateCells(run, progress);
  if (annotated.length === 0) {
    throw new InputError(`no cell of the study has discussions in ${run.config.outputDir}/discussions`, {
      file: run.config.displayPath,
      field: "output",
      fix: "Run `syndisco run` with this config first, or point --output-dir at the study's output folder",
    });
  }
  for (const { label, summary } of annotated) {
    if (!progress.quiet) process.stdout.write(`${summaryLine(label, summary)}\n`);
    process.stderr.write(failureReport(label, summary));
  }
  return exitCodeFor(annotated.map(({ summary }) => summary));
}
