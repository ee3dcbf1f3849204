import { resolve } from "node:path";
import { InputError } from "@syndisco/core";
import { findKnownBackend } from "../plugins/known-backends.js";
import type { ConfigData } from "./schema.js";

/** A model whose file `--model-path` replaced, and the name its output now records. */
export interface RenamedModel {
  /** The model's key under `models`. */
  key: string;
  /** The name the config gave it (`options.name`). */
  configName: string;
  /** The name written into the output files instead: what really runs. */
  recordedAs: string;
}

/** The models with `--model-path` applied, and those renamed after the file that now runs. */
export interface ModelPathOverride {
  models: ConfigData["models"];
  renamed: RenamedModel[];
}

/**
 * Puts `modelPath` (already resolved) into every model that takes a model file or hub id. A model whose
 * config names another file is renamed after the file that now runs (`stories260K` for
 * `./stories260K.gguf`), so that its output does not claim a model that did not write it; a model whose
 * config already names that file keeps its name. When several models would record the same name, each
 * replaced one adds its key: `stories260K (small)`, `stories260K (large)`.
 *
 * @throws {@link InputError} when no model takes a file, or when the names would still collide.
 */
export function applyModelPath(
  data: ConfigData,
  modelPath: string,
  baseDir: string,
  displayPath: string,
): ModelPathOverride {
  const models: ConfigData["models"] = {};
  const replaced: string[] = [];
  let takers = 0;
  for (const [key, entry] of Object.entries(data.models)) {
    const takesModelPath = findKnownBackend(entry.backend)?.takesModelPath ?? "modelPath" in entry.options;
    if (!takesModelPath) {
      models[key] = entry;
      continue;
    }
    takers += 1;
    const before = entry.options.modelPath;
    const sameFile = typeof before === "string" && sameModelPath(before, baseDir, modelPath);
    if (!sameFile) replaced.push(key);
    models[key] = { ...entry, options: { ...entry.options, modelPath } };
  }
  if (takers === 0) {
    throw new InputError("--model-path was given, but no model of this config takes a model file", {
      file: displayPath,
      field: "models",
      fix: "Use --model-path with llamacpp or transformers models; openai models are named by options.modelName",
    });
  }
  return { models, renamed: renameReplaced(models, replaced, modelPath, displayPath) };
}

/** Sets `options.name` of the replaced models to the file's name, with the key where names would collide. */
function renameReplaced(
  models: ConfigData["models"],
  replaced: readonly string[],
  modelPath: string,
  displayPath: string,
): RenamedModel[] {
  const fileName = modelNameOfPath(modelPath);
  const kept = Object.keys(models)
    .filter((key) => !replaced.includes(key))
    .map((key) => models[key]?.options.name);
  const shared = replaced.length > 1 || kept.includes(fileName);
  const renamed: RenamedModel[] = [];
  for (const key of replaced) {
    const entry = models[key];
    if (!entry) continue;
    const recordedAs = shared ? `${fileName} (${key})` : fileName;
    if (kept.includes(recordedAs)) {
      throw new InputError(
        `--model-path makes models.${key} record the name "${recordedAs}", which another model of the config has`,
        {
          file: displayPath,
          field: `models.${key}.options.name`,
          fix: "Rename that other model, or run without --model-path",
        },
      );
    }
    renamed.push({ key, configName: String(entry.options.name ?? key), recordedAs });
    models[key] = { ...entry, options: { ...entry.options, name: recordedAs } };
  }
  return renamed;
}

/** Whether the config's `modelPath` (read from the config's folder) names the same file or hub id. */
function sameModelPath(configured: string, baseDir: string, override: string): boolean {
  if (configured === override) return true;
  if (isUri(configured) || isUri(override)) return false;
  return resolve(baseDir, configured) === override;
}

function isUri(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path);
}

/**
 * The name a model file or hub id gives its output: the last part of the path without the GGUF/ONNX
 * extension (`/models/stories260K.gguf` → `stories260K`, `hf:owner/repo:Q4_K_M` → `repo:Q4_K_M`).
 */
export function modelNameOfPath(modelPath: string): string {
  const path = isUri(modelPath) ? modelPath.replace(/^[a-z][a-z0-9+.-]*:/i, "") : modelPath;
  const last = path.split(/[\\/]/).filter(Boolean).pop() ?? modelPath;
  return last.replace(/\.(gguf|onnx)$/i, "") || modelPath;
}
