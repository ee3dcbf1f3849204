import { ExitCode } from "./exit-codes.js";

/** Errors of these names are the user's input (core's InputError, also from a plugin's own copy of core). */
const INPUT_ERROR_NAMES = new Set(["InputError"]);

/**
 * Prints an error as one readable message on stderr and returns the exit code it means: 2 for bad input,
 * 130 for an interrupted experiment, 1 for anything else. A stack trace is shown only with SYNDISCO_DEBUG=1.
 */
export function reportError(error: unknown): ExitCode {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (INPUT_ERROR_NAMES.has(name)) {
    process.stderr.write(`error: ${message}\n`);
    return ExitCode.BAD_INPUT;
  }
  if (name === "ExperimentInterruptedError" || name === "StudyInterruptedError") {
    process.stderr.write(`${message}\nWith the CLI: run the same syndisco command again.\n`);
    return ExitCode.INTERRUPTED;
  }
  const debug = process.env.SYNDISCO_DEBUG === "1" && error instanceof Error && error.stack;
  process.stderr.write(
    debug ? `${error.stack}\n` : `error: ${message}\n(set SYNDISCO_DEBUG=1 to see where it happened)\n`,
  );
  return ExitCode.UNITS_FAILED;
}
