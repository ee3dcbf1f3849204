import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type ExperimentSummary, type StudyCell, studyCellFolder } from "@syndisco/core";
import { buildAnnotationExperiment } from "../config/build-experiments.js";
import type { LoadedConfig } from "../config/load-config.js";
import { openModels } from "../plugins/model-set.js";
import type { PreparedModel } from "../plugins/prepare-models.js";
import { createProgress, type ProgressChoice } from "../progress/create-progress.js";
import type { PreparedStudyRun } from "./prepare-study-run.js";

/** What annotating one cell did. */
export interface CellAnnotations {
  label: string;
  summary: ExperimentSummary;
}

/** A cell's annotations folder: `<output>/annotations/<cell id>`, beside `<output>/discussions/<cell id>`. */
export function cellAnnotationsFolder(outputDir: string, cellId: string): string {
  return join(outputDir, "annotations", cellId);
}

/** The selected cells whose folder holds discussion files already; the others have nothing to annotate. */
export function cellsWithDiscussions(run: PreparedStudyRun): StudyCell[] {
  return run.study.select(run.selection).filter((cell) => {
    try {
      return readdirSync(studyCellFolder(run.config.outputDir, cell.id)).some(
        (name) => name.endsWith(".json") && !name.startsWith("."),
      );
    } catch {
      return false;
    }
  });
}

/** The keys of `models` the config's annotation section uses. */
export function annotationModelNames(config: LoadedConfig): string[] {
  const section = config.data.annotation;
  if (!section) return [];
  return [section.model, ...section.annotators.map((annotator) => annotator.model ?? section.model)];
}

/**
 * The annotation section over every selected cell that has discussions, each cell's annotations in
 * `<output>/annotations/<cell id>` (resuming what an earlier run left), its models loaded once.
 */
export async function annotateCells(run: PreparedStudyRun, progress: ProgressChoice): Promise<CellAnnotations[]> {
  const { config } = run;
  const names = new Set(annotationModelNames(config));
  const prepared: PreparedModel[] = run.models.filter((model) => names.has(model.name));
  const cells = cellsWithDiscussions(run);
  if (cells.length === 0) return [];
  const models = await openModels(prepared, config);
  const results: CellAnnotations[] = [];
  try {
    for (const cell of cells) {
      const reporter = createProgress(`annotations of ${cell.id}`, progress);
      try {
        const summary = await buildAnnotationExperiment(config, (name) => models.get(name)).begin({
          discussionsDir: studyCellFolder(config.outputDir, cell.id),
          outputDir: cellAnnotationsFolder(config.outputDir, cell.id),
          verbose: false,
          onProgress: (event) => reporter.onEvent(event),
        });
        results.push({ label: `Annotations of ${cell.id}`, summary });
      } finally {
        reporter.stop();
      }
    }
  } finally {
    await models.dispose();
  }
  return results;
}
