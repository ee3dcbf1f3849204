import { InputError } from "../errors.js";

/** Throws an {@link InputError} unless `value` is a whole number of at least `min`. */
export function requireWholeNumber(value: number, field: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(`${field} must be a whole number of at least ${min}, not ${value}`, { field });
  }
}
