import { InputError } from "../errors.js";
import { SeededRandom } from "../random.js";
import { ADJECTIVES, NOUNS } from "./word-lists.js";

/** Options of {@link adjectiveNounNames}. */
export interface AdjectiveNounNamesOptions {
  /** Makes the names reproducible: the same seed and count give the same names. */
  seed?: number;
  /** Names that must not be given (for example a moderator's), compared exactly. */
  exclude?: Iterable<string>;
}

/** How many distinct names the word lists make without a number suffix. */
export const ADJECTIVE_NOUN_CAPACITY = ADJECTIVES.length * NOUNS.length;

/**
 * `count` distinct, readable usernames such as `QuietOtter`, drawn in a seeded random order. Past the
 * 16,384 combinations of the word lists, names get a number (`QuietOtter2`), so any count works.
 *
 * @example
 * ```ts
 * adjectiveNounNames(3, { seed: 7 }); // three names, the same three for seed 7 on every machine
 * ```
 */
export function adjectiveNounNames(count: number, { seed, exclude = [] }: AdjectiveNounNamesOptions = {}): string[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InputError(`the number of usernames must be a whole number of at least 0, found ${count}`, {
      field: "count",
    });
  }
  const random = new SeededRandom(seed);
  const excluded = new Set(exclude);
  const names: string[] = [];
  for (let round = 1; names.length < count; round++) {
    // A fresh shuffle of every combination per round keeps names unique and spread over both lists.
    for (const index of shuffledIndexes(ADJECTIVE_NOUN_CAPACITY, random)) {
      const name = nameAt(index, round);
      if (excluded.has(name)) continue;
      names.push(name);
      if (names.length === count) break;
    }
  }
  return names;
}

function nameAt(index: number, round: number): string {
  const adjective = ADJECTIVES[Math.floor(index / NOUNS.length)] as string;
  const noun = NOUNS[index % NOUNS.length] as string;
  return round === 1 ? `${adjective}${noun}` : `${adjective}${noun}${round}`;
}

/** 0 … size−1 in a seeded random order (Fisher–Yates, drawn as it goes, so a few names cost few draws). */
function* shuffledIndexes(size: number, random: SeededRandom): Generator<number> {
  const indexes = new Int32Array(size);
  for (let i = 0; i < size; i++) indexes[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + random.int(size - i);
    const picked = indexes[j] as number;
    indexes[j] = indexes[i] as number;
    indexes[i] = picked;
    yield picked;
  }
}
