import { closest, distance } from "fastest-levenshtein";
import { InputError } from "../errors.js";

/**
 * Every option a constructor takes, as `{ key: true }`. Typed as `Record<keyof Options, true>`, so that the
 * compiler insists on a list that is complete and holds nothing else: adding an option to the interface means
 * adding it here.
 */
export type KnownOptions<Options> = Readonly<Record<keyof Options, true>>;

/**
 * Rejects an option object that holds a key the constructor does not know (a misspelling such as `seedOpinions`
 * for `seedOpinion` would otherwise be ignored without a word).
 *
 * @param owner - the class or function, for the message (`Discussion`).
 * @throws {@link InputError} naming the key, the nearest known key when one is close, and the known keys.
 */
export function rejectUnknownOptions<Options>(options: Options, known: KnownOptions<Options>, owner: string): void {
  if (options === null || typeof options !== "object") return;
  const knownKeys = Object.keys(known);
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue;
    const nearest = knownKeys.length > 0 ? closest(key, knownKeys) : undefined;
    // Close enough to be a slip of the keyboard: a third of the key's letters, and at least two.
    const suggestion =
      nearest && distance(key, nearest) <= Math.max(2, Math.floor(key.length / 3)) ? `Did you mean "${nearest}"? ` : "";
    throw new InputError(`unknown option of ${owner}`, {
      field: key,
      fix: `${suggestion}The options of ${owner} are: ${knownKeys.join(", ")}`,
    });
  }
}
