import { existsSync, readdirSync } from "node:fs";
import { studyCellFolder } from "@syndisco/core";
import { buildAnnotationExperiment } from "../config/build-experiments.js";
import { cellAnnotationsFolder, cellsWithDiscussions } from "./annotate-cells.js";
import { unloadedModels } from "./prepare-run.js";
import type { PreparedStudyRun } from "./prepare-study-run.js";

/** What `syndisco annotate --dry-run` shows of a study: each cell with discussions, and its annotations. */
export interface StudyAnnotationPlan {
  cells: { id: string; levels: Record<string, string>; annotations: number; done: number }[];
  totalAnnotations: number;
}

/** Every selected cell that has discussions: how many annotations it takes, and how many are written. */
export async function studyAnnotationPlan(run: PreparedStudyRun): Promise<StudyAnnotationPlan> {
  const experiment = buildAnnotationExperiment(run.config, unloadedModels(run));
  const cells: StudyAnnotationPlan["cells"] = [];
  for (const cell of cellsWithDiscussions(run)) {
    const units = await experiment.plan(studyCellFolder(run.config.outputDir, cell.id));
    const folder = cellAnnotationsFolder(run.config.outputDir, cell.id);
    const written = new Set(existsSync(folder) ? readdirSync(folder) : []);
    const done = units.filter((unit) => written.has(`${unit.id}.json`)).length;
    cells.push({ id: cell.id, levels: cell.levels, annotations: units.length, done });
  }
  return { cells, totalAnnotations: cells.reduce((sum, cell) => sum + cell.annotations, 0) };
}

/** The plan as lines for people: one per cell, then the totals. */
export function formatStudyAnnotationPlan(run: PreparedStudyRun, plan: StudyAnnotationPlan): string {
  const lines = [
    `Annotation plan for ${run.config.displayPath} (dry run: no model is loaded, nothing is written)`,
    `Output: ${run.config.outputDir}/annotations/<cell>`,
    "",
  ];
  if (plan.cells.length === 0) lines.push("No selected cell has discussions yet: run `syndisco run` first.");
  const width = Math.max(0, ...plan.cells.map((cell) => cell.id.length));
  for (const cell of plan.cells) {
    lines.push(`${cell.id.padEnd(width)}  ${cell.annotations} annotations, ${cell.done} done`);
  }
  const done = plan.cells.reduce((sum, cell) => sum + cell.done, 0);
  lines.push("", `${plan.cells.length} cells, ${plan.totalAnnotations} annotations: ${done} done`);
  return `${lines.join("\n")}\n`;
}
