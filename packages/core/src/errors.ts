/** Where a piece of bad input came from, so that an error can point the user at it. */
export interface InputErrorLocation {
  /** The file that holds the bad value, if it came from a file. */
  file?: string;
  /** The field (or `[index].field` path) that holds the bad value. */
  field?: string;
  /** What the user can do to fix it. */
  fix?: string;
}

/**
 * Raised for input that SynDisco cannot use: a malformed persona file, an invalid option, a missing name.
 * The message names the file, the field and the fix, so that it can be shown to a user as it is.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly file: string | undefined;
  readonly field: string | undefined;
  readonly fix: string | undefined;

  constructor(problem: string, location: InputErrorLocation = {}) {
    super(formatInputError(problem, location));
    this.file = location.file;
    this.field = location.field;
    this.fix = location.fix;
  }
}

function formatInputError(problem: string, { file, field, fix }: InputErrorLocation): string {
  const where = [file, field].filter(Boolean).join(": ");
  const head = where ? `${where}: ${problem}` : problem;
  return fix ? `${head}. ${fix}` : head;
}

/**
 * An {@link InputError} about a model whose source (a model hub, a download server) cannot be reached now, so
 * that the model can be neither checked nor fetched: not proof that the model is wrong. A run stops on it as on
 * any bad input; a dry run reports the model as unchecked and goes on. A plugin's `check` throws it when only
 * the network stands between it and an answer.
 */
export class ModelSourceUnreachableError extends InputError {
  /** Tells the error apart across copies of core (a plugin may come with its own), where `instanceof` fails. */
  readonly sourceUnreachable = true;
}

/** Whether an error is a {@link ModelSourceUnreachableError}, from this copy of core or another. */
export function isModelSourceUnreachable(error: unknown): error is InputError {
  return error instanceof Error && (error as { sourceUnreachable?: unknown }).sourceUnreachable === true;
}
