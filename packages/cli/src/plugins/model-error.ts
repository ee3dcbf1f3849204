import { resolve } from "node:path";
import { InputError } from "@syndisco/core";
import type { LoadedConfig } from "../config/load-config.js";
import { problemOf, relocateInputError } from "../config/relocate-error.js";

/**
 * Points a backend's error about one model at where the user wrote the bad value: `--model-path` when the
 * option at fault is `modelPath` and the flag replaced it, else the model's options in the config. An error
 * that names a file of its own is kept; any other error becomes an InputError with `what` as the problem.
 */
export function modelError(error: unknown, config: LoadedConfig, name: string, what: string): InputError {
  if (error instanceof InputError) {
    if (error.file) return error;
    if (error.field === "modelPath" && config.modelPathOverride !== undefined) {
      // The path as the user typed it, not as the backend resolved it.
      const typed = config.modelPathOverride;
      return new InputError(problemOf(error).replaceAll(resolve(typed), typed), {
        file: config.displayPath,
        field: "--model-path",
        ...(error.fix ? { fix: error.fix } : {}),
      });
    }
    return relocateInputError(error, config.displayPath, `models.${name}.options`);
  }
  return new InputError(`${what} (${(error as Error).message})`, {
    file: config.displayPath,
    field: `models.${name}`,
    fix: "Check its options; the backend's README lists them",
  });
}
