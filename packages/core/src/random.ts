import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * A seeded source of random numbers. The same seed gives the same sequence on every machine, which is what
 * makes turn orders and experiment plans reproducible.
 */
export class SeededRandom {
  readonly seed: number;
  readonly #generator: RandomGenerator;

  /** @param seed - any 32-bit integer; a random one when omitted. */
  constructor(seed: number = randomSeed()) {
    this.seed = seed;
    this.#generator = xoroshiro128plus(mixSeed(seed));
  }

  /** A float in [0, 1). */
  float(): number {
    return uniformFloat64(this.#generator);
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return uniformInt(this.#generator, 0, maxExclusive - 1);
  }

  /** A new 32-bit seed drawn from this sequence, for a child generator. */
  childSeed(): number {
    return uniformInt(this.#generator, 0, 0x7fffffff);
  }

  /** One element, chosen uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("cannot pick from an empty list");
    return items[this.int(items.length)] as T;
  }

  /** `count` distinct elements in random order (a partial Fisher–Yates shuffle). */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new RangeError(`cannot sample ${count} of ${items.length} items`);
    const pool = [...items];
    for (let i = 0; i < count; i++) {
      const j = i + this.int(pool.length - i);
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, count);
  }
}

/**
 * Spreads a seed's bits over all 32 (MurmurHash3's finaliser). xoroshiro128+ seeded with small numbers
 * directly starts almost the same way for every seed: its first float is 1.000 for seeds 0 to 7, so the
 * first speaker or the first drawn participant would not depend on the seed.
 */
function mixSeed(seed: number): number {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A fresh random 31-bit seed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
