import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The folder of tiny test models: `SYNDISCO_MODELS_DIR`, or `../shared/models` beside the repository.
 */
export const modelsDir: string = process.env.SYNDISCO_MODELS_DIR ?? resolve(repositoryRoot, "../shared/models");

/**
 * Whether the test models are present. When `CI` is set they must be: a missing folder fails the run
 * instead of skipping the tests that need it.
 */
export function haveTestModels(): boolean {
  const present = existsSync(join(modelsDir, "stories260K.gguf"));
  if (!present && process.env.CI) {
    throw new Error(`CI is set but the test models are missing from ${modelsDir}; put ../shared beside the repository`);
  }
  return present;
}

/** The path of one test model file or folder, e.g. `modelPath("stories260K.gguf")`. */
export function modelPath(name: string): string {
  return join(modelsDir, name);
}

/** The greedy 50-token continuation of "Once upon a time" that ../shared/models/README.md documents. */
export const STORIES_GREEDY_TEXT =
  "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it";
