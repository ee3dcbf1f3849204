import { existsSync, readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "@syndisco/core";
import { loadConfig } from "../config/load-config.js";
import { ExitCode } from "../exit-codes.js";
import { executeRun } from "../run/execute-run.js";
import { outputFolders } from "../run/output-folders.js";
import { formatPlan, planAsJson } from "../run/plan-output.js";
import { buildExperiments, prepareRun, unloadedModels } from "../run/prepare-run.js";
import { annotateStudyCommand } from "./annotate-study.js";
import { overridesOf, type RunCommandOptions, refuseStudyOptions } from "./run.js";

/** Options of `syndisco annotate`: those of `run`, and where the discussions are. */
export interface AnnotateCommandOptions extends RunCommandOptions {
  /** Annotate the discussions of this folder instead of `<output>/discussions`; read from the current folder. */
  discussionsDir?: string;
}

/**
 * `syndisco annotate <config>`: every annotator of the config's `annotation` section labels every discussion
 * in `<output>/discussions` (or `discussionsDir`), writing to `<output>/annotations`; resumes like `run`. For a
 * study, every cell's discussions, each cell's annotations in `<output>/annotations/<cell>`.
 */
export async function annotateCommand(configPath: string, options: AnnotateCommandOptions = {}): Promise<ExitCode> {
  const config = await loadConfig(configPath, overridesOf(options));
  if (config.data.study) {
    if (options.discussionsDir !== undefined) {
      throw new InputError("--discussions-dir does not apply to a study, whose cells have a folder each", {
        file: config.displayPath,
        field: "--discussions-dir",
        fix: "Leave it out; use --output-dir to point at the study's output folder, and --cells to pick cells",
      });
    }
    return annotateStudyCommand(configPath, options);
  }
  refuseStudyOptions(config.displayPath, options);
  const run = await prepareRun(config, { discussions: false, annotation: "required" }, { dryRun: options.dryRun });
  const folders = {
    ...outputFolders(run.config.outputDir),
    ...(options.discussionsDir ? { discussions: resolve(options.discussionsDir) } : {}),
  };
  if (!holdsDiscussions(folders.discussions)) {
    throw new InputError(`there are no discussions to annotate in ${folders.discussions}`, {
      file: run.config.displayPath,
      field: options.discussionsDir ? "--discussions-dir" : "output",
      fix: "Run `syndisco run` with this config first, or point --output-dir (or --discussions-dir) at a run's output",
    });
  }
  if (options.dryRun) {
    const annotations = await buildExperiments(run, unloadedModels(run)).annotation?.plan(folders.discussions);
    const plan = { discussions: undefined, annotations };
    process.stdout.write(options.json ? planAsJson(run, plan, folders) : formatPlan(run, plan, folders));
    return ExitCode.OK;
  }
  return executeRun(run, { quiet: options.quiet ?? false, stream: process.stderr }, folders);
}

/** Whether a folder holds discussion files where the annotation experiment looks: `*.json` at its top level. */
function holdsDiscussions(folder: string): boolean {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return false;
  return readdirSync(folder).some((name) => name.endsWith(".json") && !name.startsWith("."));
}
