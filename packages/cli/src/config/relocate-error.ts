import { InputError } from "@syndisco/core";

/**
 * Re-anchors an {@link InputError} raised by core for a value that came from the config file: the file
 * becomes the config and the field gets the config path in front (`[0].age` becomes `personas[0].age`).
 */
export function relocateInputError(error: InputError, file: string, fieldPrefix: string): InputError {
  const field = error.field ? `${fieldPrefix}${error.field.startsWith("[") ? "" : "."}${error.field}` : fieldPrefix;
  return new InputError(problemOf(error), { file, field, ...(error.fix ? { fix: error.fix } : {}) });
}

/** The problem part of an InputError's message, without the location in front and the fix behind. */
export function problemOf(error: InputError): string {
  const where = [error.file, error.field].filter(Boolean).join(": ");
  let problem = where && error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message;
  if (error.fix && problem.endsWith(`. ${error.fix}`)) problem = problem.slice(0, -(error.fix.length + 2));
  return problem;
}
