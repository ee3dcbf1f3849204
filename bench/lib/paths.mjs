// Where the benchmark finds the repository's built packages, the shared test models and its cache folder.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the folder that holds bench/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The tiny test models: `SYNDISCO_MODELS_DIR`, or ../shared/models beside the repository. */
export const MODELS_DIR = process.env.SYNDISCO_MODELS_DIR ?? resolve(ROOT, "../shared/models");

/** Generated files that are not committed: the larger random model and the recorded workloads. */
export const CACHE_DIR = join(ROOT, "bench/.cache");

/** The pretrained 260K-parameter llama that every row but the larger-model rows runs on. */
export const STORIES_GGUF = join(MODELS_DIR, "stories260K.gguf");

/** The same weights as an ONNX folder, for transformers.js. */
export const STORIES_ONNX = join(MODELS_DIR, "stories260K-onnx");

/** The command-line entry of the built `syndisco` command. */
export const CLI_BIN = join(ROOT, "packages/cli/dist/bin.js");

/**
 * Imports the built ESM entry of one of the repository's packages, for example `importPackage("core")`.
 * The benchmark runs the packages as users get them (their dist/), so `pnpm bench` builds them first.
 */
export function importPackage(folder, entry = "index.js") {
  return import(pathToFileURL(join(ROOT, "packages", folder, "dist", entry)).href);
}

/** Imports node-llama-cpp as the llama.cpp backend resolves it, with no framework around it. */
export function importNodeLlamaCpp() {
  const require = createRequire(join(ROOT, "packages/model-llamacpp/package.json"));
  return import(pathToFileURL(require.resolve("node-llama-cpp")).href);
}
