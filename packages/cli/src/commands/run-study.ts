import { ExitCode } from "../exit-codes.js";
import { executeStudy } from "../run/execute-study.js";
import { unloadedModels } from "../run/prepare-run.js";
import { prepareStudyRun } from "../run/prepare-study-run.js";
import { formatStudyPlan, studyPlanAsJson } from "../run/study-plan-output.js";
import { overridesOf, type RunCommandOptions } from "./run.js";

/**
 * `syndisco run <config>` for a config with a `study` section: every cell (or those `--cells` names, each
 * capped at `--replicates`), model by model, then the annotation section over every cell. `--dry-run` prints
 * the cell table (or, with `--json`, the cells as JSON) without loading a model or writing a file.
 */
export async function runStudyCommand(configPath: string, options: RunCommandOptions): Promise<ExitCode> {
  const run = await prepareStudyRun(configPath, overridesOf(options), {
    ...(options.cells !== undefined ? { cells: options.cells } : {}),
    ...(options.replicates !== undefined ? { replicates: options.replicates } : {}),
    dryRun: options.dryRun,
  });
  if (options.dryRun) {
    const plans = await run.study.plan(run.config.outputDir, unloadedModels(run), run.selection);
    process.stdout.write(options.json ? studyPlanAsJson(plans) : formatStudyPlan(run, plans));
    return ExitCode.OK;
  }
  return executeStudy(run, { quiet: options.quiet ?? false, stream: process.stderr });
}
