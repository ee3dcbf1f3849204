import { InputError } from "../errors.js";

/**
 * Checks that a parsed output file was written for this unit of this kind of experiment (its
 * `experiment.unit_id`), so that a stray file of the same name is never taken for finished work.
 *
 * @throws {@link InputError} naming the file.
 */
export function requireOwnOutput(data: Record<string, unknown>, file: string, unitId: string): void {
  const experiment = data.experiment as { unit_id?: unknown } | undefined;
  if (experiment?.unit_id !== unitId) {
    throw new InputError(`the file is not the output of unit "${unitId}" of this experiment`, {
      file,
      fix: "Move it out of the output folder; the unit will then run again",
    });
  }
}
