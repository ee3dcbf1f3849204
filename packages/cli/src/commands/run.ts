import { InputError } from "@syndisco/core";
import { loadConfig } from "../config/load-config.js";
import { ExitCode } from "../exit-codes.js";
import { executeRun } from "../run/execute-run.js";
import { outputFolders } from "../run/output-folders.js";
import { formatPlan, planAsJson } from "../run/plan-output.js";
import { buildExperiments, prepareRun, unloadedModels } from "../run/prepare-run.js";
import { runStudyCommand } from "./run-study.js";

/** Options of `syndisco run` and `syndisco annotate`. */
export interface RunCommandOptions {
  /** Replaces the config's `output`; read from the current folder. */
  outputDir?: string;
  /** Replaces the config's `concurrency`. */
  concurrency?: number;
  /** Replaces the config's `seed`. */
  seed?: number;
  /** Replaces `modelPath` in every model that takes a model file; read from the current folder. */
  modelPath?: string;
  /** Print the plan and exit without loading a model or writing a file. */
  dryRun?: boolean;
  /** With `dryRun`: print the plan as JSON. */
  json?: boolean;
  /** No progress and no summary; failures are still reported. */
  quiet?: boolean;
  /** A study's cells to run, as `factor=level` pairs joined by commas. */
  cells?: string;
  /** Caps every study cell at this many discussions, for a quick trial. */
  replicates?: number;
}

/**
 * `syndisco run <config>`: the discussions (or, with a `study` section, every cell of the study), then the
 * annotations when the config has an `annotation` section. Running it again into the same output folder
 * finishes what an interrupted run left.
 */
export async function runCommand(configPath: string, options: RunCommandOptions = {}): Promise<ExitCode> {
  const config = await loadConfig(configPath, overridesOf(options));
  if (config.data.study) return runStudyCommand(configPath, options);
  refuseStudyOptions(config.displayPath, options);
  const run = await prepareRun(config, { discussions: true, annotation: "if-configured" }, { dryRun: options.dryRun });
  const folders = outputFolders(run.config.outputDir);
  if (options.dryRun) {
    const discussions = buildExperiments(run, unloadedModels(run)).discussions?.plan();
    const plan = { discussions, annotations: undefined };
    process.stdout.write(options.json ? planAsJson(run, plan, folders) : formatPlan(run, plan, folders));
    return ExitCode.OK;
  }
  return executeRun(run, { quiet: options.quiet ?? false, stream: process.stderr });
}

/** The config values that command-line flags replace. */
export function overridesOf(options: RunCommandOptions) {
  return {
    ...(options.outputDir !== undefined ? { outputDir: options.outputDir } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.modelPath !== undefined ? { modelPath: options.modelPath } : {}),
  };
}

/**
 * Refuses `--cells` and `--replicates` for a config without a study section, naming the option given.
 *
 * @throws {@link InputError} naming the config file and its missing `study` section.
 */
export function refuseStudyOptions(
  displayPath: string,
  options: Pick<RunCommandOptions, "cells" | "replicates">,
): void {
  const option =
    options.cells !== undefined ? "--cells" : options.replicates !== undefined ? "--replicates" : undefined;
  if (option === undefined) return;
  throw new InputError(`${option} needs a study, and the config has none`, {
    file: displayPath,
    field: "study",
    fix: "Add a study section with factors, or leave the option out",
  });
}
