import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { InputError } from "@syndisco/core";
import { checkModelFolder } from "./model-files.js";
import type { TransformersDtype } from "./options.js";

/** Where a model comes from: a folder on disk, or the Hugging Face hub through the download cache. */
export type ModelSource =
  | { kind: "local"; folder: string }
  | {
      kind: "hub";
      id: string;
      cacheDir: string;
      revision: string;
      /** The local path that was tried first and does not exist, for messages about a mistyped folder. */
      missingFolder: string;
    };

/** What {@link resolveModelSource} needs besides the model path. */
export interface ModelSourceContext {
  /** The folder a relative path resolves against. Default: the working directory. */
  baseDir?: string;
  cacheDir?: string;
  revision?: string;
}

// The Hugging Face hub's repository id format: an optional owner, a slash, and a name.
const HUB_ID = /^(?:[\w.-]+\/)?[\w.-]{1,96}$/;

/**
 * Decides whether `modelPath` is a local folder (a path that exists, relative paths resolving against
 * `baseDir`) or a hub model id, and reports a path that does not exist as such instead of as a hub failure.
 */
export function resolveModelSource(modelPath: string, context: ModelSourceContext = {}): ModelSource {
  const expanded = modelPath.startsWith("~/") ? join(homedir(), modelPath.slice(2)) : modelPath;
  const candidate = isAbsolute(expanded) ? expanded : resolve(context.baseDir ?? process.cwd(), expanded);
  if (existsSync(candidate)) {
    if (!statSync(candidate).isDirectory()) {
      throw new InputError(`${candidate} is a file, not a model folder`, {
        field: "modelPath",
        fix: "Give the folder that holds config.json and onnx/, not a file inside it",
      });
    }
    return { kind: "local", folder: candidate };
  }
  if (looksLikePath(expanded) || !isHubId(expanded)) {
    throw new InputError(`the model folder ${candidate} does not exist`, {
      field: "modelPath",
      fix: "Give an existing model folder, or a Hugging Face model id such as onnx-community/Qwen2.5-0.5B-Instruct",
    });
  }
  return {
    kind: "hub",
    id: expanded,
    cacheDir: resolve(context.cacheDir ?? defaultCacheDir()),
    revision: context.revision ?? "main",
    missingFolder: candidate,
  };
}

/** The folder in which transformers.js keeps a hub model's files once downloaded. */
export function hubCacheFolder(source: Extract<ModelSource, { kind: "hub" }>): string {
  // transformers.js keys the main revision by `<id>/<file>` and any other by `<id>/<revision>/<file>`.
  return source.revision === "main"
    ? join(source.cacheDir, source.id)
    : join(source.cacheDir, source.id, source.revision);
}

/**
 * Checks the files of a model before loading it: a local folder must be complete, and with `localFilesOnly`
 * a hub model must already be in the cache.
 */
export function checkModelSource(source: ModelSource, dtype: TransformersDtype, localFilesOnly: boolean): void {
  if (source.kind === "local") {
    checkModelFolder(source.folder, dtype, "the model folder");
    return;
  }
  if (!localFilesOnly) return;
  const cached = hubCacheFolder(source);
  if (!existsSync(join(cached, "config.json"))) {
    throw new InputError(
      `the hub model "${source.id}" is not in the cache (${source.cacheDir}) and localFilesOnly forbids downloading it`,
      {
        field: "modelPath",
        fix:
          "Download it once while online (load it without localFilesOnly, with the same cacheDir), or set " +
          `modelPath to a local model folder (no folder ${source.missingFolder} exists)`,
      },
    );
  }
  checkModelFolder(cached, dtype, `the cached copy of "${source.id}"`);
}

/** A human-readable name of the source for messages. */
export function describeSource(source: ModelSource): string {
  return source.kind === "local" ? source.folder : `${source.id} (Hugging Face hub)`;
}

/**
 * The default download cache: `syndisco/transformers` in the platform's user cache folder
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows).
 */
export function defaultCacheDir(): string {
  return join(userCacheFolder(), "syndisco", "transformers");
}

function userCacheFolder(): string {
  if (process.env.XDG_CACHE_HOME) return process.env.XDG_CACHE_HOME;
  if (process.platform === "win32" && process.env.LOCALAPPDATA) return process.env.LOCALAPPDATA;
  if (process.platform === "darwin") return join(homedir(), "Library", "Caches");
  return join(homedir(), ".cache");
}

function looksLikePath(text: string): boolean {
  return isAbsolute(text) || text.startsWith(".") || text.includes("\\") || text.endsWith("/");
}

function isHubId(text: string): boolean {
  return HUB_ID.test(text) && !text.includes("..") && !text.includes("--");
}
