import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { getLogger, InputError, isModelSourceUnreachable, parsePluginOptions } from "@syndisco/core";
import type { LoadedConfig } from "../config/load-config.js";
import type { ModelEntry } from "../config/schema.js";
import { findKnownBackend } from "./known-backends.js";
import { type LoadedPlugin, loadPlugin } from "./load-plugin.js";
import { modelError } from "./model-error.js";

/** A model of the config whose plugin is loaded and whose options are valid, but which is not loaded yet. */
export interface PreparedModel {
  /** The model's key under `models`. */
  name: string;
  entry: ModelEntry;
  loaded: LoadedPlugin;
  /** The options as the plugin's schema returned them. */
  options: unknown;
}

/** Options of {@link prepareModels}. */
export interface PrepareModelsOptions {
  /**
   * For a dry run: a model whose backend cannot check it because its source (a model hub) does not answer is
   * passed here, with the reason, instead of failing; a model that is certainly wrong still fails.
   */
  onUnchecked?: (name: string, reason: InputError) => void;
}

/**
 * Loads the plugins of the named models, validates their options, checks that local model files exist, and
 * runs each backend's own check (for llama.cpp: the file is GGUF, a hub model is cached or can be fetched),
 * without loading any weights. This is everything that can be wrong before an experiment starts.
 *
 * @throws {@link InputError} naming the config file and the model's field.
 */
export async function prepareModels(
  config: LoadedConfig,
  names: readonly string[],
  options: PrepareModelsOptions = {},
): Promise<PreparedModel[]> {
  const prepared: PreparedModel[] = [];
  for (const name of names) {
    const entry = config.data.models[name];
    if (!entry) throw new InputError(`no model named "${name}"`, { file: config.displayPath, field: "models" });
    const loaded = await loadPlugin(entry.backend, {
      baseDir: config.baseDir,
      location: { file: config.displayPath, field: `models.${name}.backend` },
    });
    checkModelFile(config, name, entry);
    const parsed = await parsePluginOptions(
      loaded.plugin,
      entry.options,
      `${config.displayPath}: models.${name}.options`,
    );
    // The backend's own checks (a GGUF file's format, a hub model that can be fetched), dry runs included.
    try {
      await loaded.plugin.check?.(parsed, { baseDir: config.baseDir, logger: getLogger(`model-${loaded.plugin.id}`) });
    } catch (error) {
      const reason = modelError(error, config, name, "cannot check the model");
      if (!options.onUnchecked || !isModelSourceUnreachable(error)) throw reason;
      options.onUnchecked(name, reason);
    }
    prepared.push({ name, entry, loaded, options: parsed });
  }
  noteRenamedModels(config, names);
  return prepared;
}

/** Tells on stderr which models `--model-path` renamed, so that the names in the output are no surprise. */
function noteRenamedModels(config: LoadedConfig, names: readonly string[]): void {
  for (const { key, configName, recordedAs } of config.renamedModels) {
    if (!names.includes(key)) continue;
    process.stderr.write(
      `note: model ${key} now runs ${config.modelPathOverride}; recorded as "${recordedAs}", not "${configName}"\n`,
    );
  }
}

/** A local model file named in `modelPath` must exist; hub ids and URIs are left to the backend. */
function checkModelFile(config: LoadedConfig, name: string, entry: ModelEntry): void {
  const modelPath = entry.options.modelPath;
  const takesModelPath = findKnownBackend(entry.backend)?.takesModelPath ?? false;
  if (!takesModelPath || typeof modelPath !== "string" || !looksLocal(modelPath)) return;
  const file = resolve(config.baseDir, modelPath);
  if (existsSync(file)) return;
  const fromCommandLine = config.modelPathOverride !== undefined;
  throw new InputError(`the model file ${fromCommandLine ? config.modelPathOverride : modelPath} does not exist`, {
    file: config.displayPath,
    field: fromCommandLine ? "--model-path" : `models.${name}.options.modelPath`,
    fix: fromCommandLine
      ? "Check the path; --model-path is read from the current folder"
      : "Check the path (it is read from the config file's folder), or name a hub model such as hf:user/repo:Q4_K_M",
  });
}

function looksLocal(modelPath: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(modelPath)) return false;
  return /^(\.{1,2}[\\/]|\/|~)/.test(modelPath) || /\.(gguf|onnx|bin)$/i.test(modelPath);
}
