import { join } from "node:path";

/**
 * The hidden folder inside an output folder where an experiment keeps its plan, journal and lock. Being
 * hidden, it is skipped by `importDiscussions`, by `AnnotationExperiment` and by `*.json` globs.
 */
export const STATE_FOLDER = ".syndisco";

/** Where an experiment's files live inside its output folder. */
export interface StatePaths {
  outputDir: string;
  stateDir: string;
  planFile: string;
  journalFile: string;
  lockFile: string;
}

/** The paths of an output folder's plan, journal and lock. */
export function statePaths(outputDir: string): StatePaths {
  const stateDir = join(outputDir, STATE_FOLDER);
  return {
    outputDir,
    stateDir,
    planFile: join(stateDir, "plan.json"),
    journalFile: join(stateDir, "journal.jsonl"),
    lockFile: join(stateDir, "lock"),
  };
}

/** The output file of one unit of a plan: `<outputDir>/<unitId>.json`. */
export function unitOutputFile(outputDir: string, unitId: string): string {
  return join(outputDir, `${unitId}.json`);
}
