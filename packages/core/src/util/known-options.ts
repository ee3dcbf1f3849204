import { InputError } from "../errors.js";
import { nearestName } from "./nearest-name.js";

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
    const nearest = nearestName(key, knownKeys);
    const suggestion = nearest ? `Did you mean "${nearest}"? ` : "";
    throw new InputError(`unknown option of ${owner}`, {
      field: key,
      fix: `${suggestion}The options of ${owner} are: ${knownKeys.join(", ")}`,
    });
  }
}
