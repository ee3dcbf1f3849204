import { ExitCode } from "../exit-codes.js";
import { executeRun } from "../run/execute-run.js";
import { outputFolders } from "../run/output-folders.js";
import { formatPlan, planAsJson } from "../run/plan-output.js";
import { buildExperiments, prepareRun, unloadedModels } from "../run/prepare-run.js";

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
}

/**
 * `syndisco run <config>`: the discussions, then the annotations when the config has an `annotation`
 * section. Running it again into the same output folder finishes what an interrupted run left.
 */
export async function runCommand(configPath: string, options: RunCommandOptions = {}): Promise<ExitCode> {
  const run = await prepareRun(configPath, overridesOf(options), { discussions: true, annotation: "if-configured" });
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
