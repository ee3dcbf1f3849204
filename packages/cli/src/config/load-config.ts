import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError } from "@syndisco/core";
import { ConfigError } from "./config-error.js";
import { type ConfigProblem, describeIssues } from "./describe-issue.js";
import { applyModelPath, type RenamedModel } from "./model-path-override.js";
import { parseConfigText } from "./parse-config-text.js";
import { type ConfigData, configSchema } from "./schema.js";

/** Command-line values that replace the config's. Paths here resolve against `cwd`, not the config's folder. */
export interface ConfigOverrides {
  /** Replaces `output`. */
  outputDir?: string;
  /** Replaces `concurrency`. */
  concurrency?: number;
  /** Replaces `seed`. */
  seed?: number;
  /** Replaces `modelPath` in the options of every model that takes a model file or hub id. */
  modelPath?: string;
  /** The folder command-line paths resolve against. Default `process.cwd()`. */
  cwd?: string;
}

/** A validated config with its paths resolved. */
export interface LoadedConfig {
  /** The validated settings, with defaults and overrides applied. */
  data: ConfigData;
  /** The config file's absolute path. */
  file: string;
  /** The config file as the user named it, for messages. */
  displayPath: string;
  /** The folder that relative paths in the config resolve against. */
  baseDir: string;
  /** The absolute output folder; discussions go to `discussions/`, annotations to `annotations/` inside it. */
  outputDir: string;
  /** The absolute path of the persona file, when `personas` names one. */
  personasFile: string | undefined;
  /** `--model-path` as given on the command line, when it replaced the config's model files. */
  modelPathOverride: string | undefined;
  /** The models `--model-path` gave another file, renamed after it (see {@link applyModelPath}). */
  renamedModels: RenamedModel[];
}

/**
 * Reads, parses and validates a config file, then applies command-line overrides. Nothing is written.
 *
 * @throws {@link InputError} (a {@link ConfigError} for schema problems) naming the file and the field.
 */
export async function loadConfig(path: string, overrides: ConfigOverrides = {}): Promise<LoadedConfig> {
  const cwd = overrides.cwd ?? process.cwd();
  const file = resolve(cwd, path);
  const text = await readConfigText(file, path);
  const raw = parseConfigText(text, path);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError("a config file must be a mapping of keys (models, personas, discussions, ...)", {
      file: path,
      fix: "Start from the example that `syndisco init` writes",
    });
  }
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ConfigError(path, describeIssues(parsed.error.issues, configSchema));

  const baseDir = dirname(file);
  const { data, renamedModels } = applyOverrides(parsed.data, overrides, { cwd, baseDir, displayPath: path });
  const problems = checkReferences(data);
  if (problems.length > 0) throw new ConfigError(path, problems);

  return {
    data,
    file,
    displayPath: path,
    baseDir,
    outputDir: overrides.outputDir ? resolve(cwd, overrides.outputDir) : resolve(baseDir, data.output.dir),
    personasFile: typeof data.personas === "string" ? resolve(baseDir, data.personas) : undefined,
    modelPathOverride: overrides.modelPath,
    renamedModels,
  };
}

async function readConfigText(file: string, displayPath: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError(`cannot read the config file (${reason})`, {
      file: displayPath,
      fix: "Check the path, or write an example config with `syndisco init`",
    });
  }
}

function applyOverrides(
  data: ConfigData,
  overrides: ConfigOverrides,
  where: { cwd: string; baseDir: string; displayPath: string },
): { data: ConfigData; renamedModels: RenamedModel[] } {
  const result: ConfigData = { ...data };
  if (overrides.concurrency !== undefined) result.concurrency = overrides.concurrency;
  if (overrides.seed !== undefined) result.seed = overrides.seed;
  if (overrides.modelPath === undefined) return { data: result, renamedModels: [] };
  const modelPath = resolveModelPathOverride(overrides.modelPath, where.cwd);
  const { models, renamed } = applyModelPath(data, modelPath, where.baseDir, where.displayPath);
  result.models = models;
  return { data: result, renamedModels: renamed };
}

/** A hub id or URI stays as it is; anything that looks like a local path resolves against the current folder. */
function resolveModelPathOverride(modelPath: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(modelPath)) return modelPath;
  if (modelPath.startsWith(".") || modelPath.startsWith("/") || /\.(gguf|onnx)$/i.test(modelPath)) {
    return resolve(cwd, modelPath);
  }
  return modelPath;
}

/** Every model a section names must be one of `models`, and discussions need personas. */
function checkReferences(data: ConfigData): ConfigProblem[] {
  const names = Object.keys(data.models);
  const problems: ConfigProblem[] = [];
  const check = (field: string, name: string | undefined) => {
    if (name !== undefined && !names.includes(name)) {
      problems.push({
        field,
        problem: `"${name}" is not one of the models (${names.join(", ")})`,
        fix: "Name a model defined under models, or add it there",
      });
    }
  };
  if (data.discussions) {
    check("discussions.model", data.discussions.model);
    check("discussions.moderator.model", data.discussions.moderator?.model);
    if (data.personas === undefined) {
      problems.push({
        field: "personas",
        problem: "missing; discussions draw their participants from it",
        fix: "Add personas: ./personas.json (a SynDisco persona file) or a list of persona objects",
      });
    }
  }
  if (data.discussions && !data.study && data.discussions.model === undefined) {
    problems.push({ field: "discussions.model", problem: "missing", fix: "Name one of the models" });
  }
  if (data.study && !data.discussions) {
    problems.push({
      field: "discussions",
      problem: "missing; a study's levels change the setup it describes",
      fix: "Add a discussions section with what the cells share (turns, activeUsers, ...)",
    });
  }
  for (const [factor, levels] of Object.entries(data.study?.factors ?? {})) {
    for (const [level, setting] of Object.entries(levels)) {
      check(`study.factors.${factor}.${level}.model`, setting.model);
      if (typeof setting.moderator === "object") {
        check(`study.factors.${factor}.${level}.moderator.model`, setting.moderator.model);
      }
    }
  }
  if (data.annotation) {
    check("annotation.model", data.annotation.model);
    data.annotation.annotators.forEach((annotator, index) => {
      check(`annotation.annotators[${index}].model`, annotator.model);
    });
  }
  return problems;
}
