import { describe, expect, it } from "vitest";
import { ADJECTIVE_NOUN_CAPACITY, adjectiveNounNames } from "./adjective-noun-names.js";
import { ADJECTIVES, NOUNS } from "./word-lists.js";

describe("adjectiveNounNames", () => {
  it("gives the same names for the same seed, and other names for another seed", () => {
    const first = adjectiveNounNames(50, { seed: 7 });
    expect(adjectiveNounNames(50, { seed: 7 })).toEqual(first);
    expect(adjectiveNounNames(50, { seed: 8 })).not.toEqual(first);
    // A shorter draw is the start of a longer one, so adding personas keeps the earlier names.
    expect(adjectiveNounNames(10, { seed: 7 })).toEqual(first.slice(0, 10));
  });

  it("makes every name from one adjective and one noun of the lists", () => {
    const adjectives = new Set(ADJECTIVES);
    const nouns = new Set(NOUNS);
    for (const name of adjectiveNounNames(200, { seed: 1 })) {
      const [, adjective, noun] = /^([A-Z][a-z]+)([A-Z][a-z]+)$/.exec(name) ?? [];
      expect(adjectives.has(adjective as string), name).toBe(true);
      expect(nouns.has(noun as string), name).toBe(true);
    }
  });

  it("never repeats a name, even past the word lists' capacity", () => {
    const count = ADJECTIVE_NOUN_CAPACITY + 500;
    const names = adjectiveNounNames(count, { seed: 3 });
    expect(names).toHaveLength(count);
    expect(new Set(names).size).toBe(count);
    // Every combination is used once before any name gets a number.
    expect(names.slice(0, ADJECTIVE_NOUN_CAPACITY).every((name) => !/\d/.test(name))).toBe(true);
    expect(names.slice(ADJECTIVE_NOUN_CAPACITY).every((name) => name.endsWith("2"))).toBe(true);
  });

  it("leaves out excluded names", () => {
    const all = adjectiveNounNames(20, { seed: 5 });
    const excluded = all.slice(0, 5);
    const names = adjectiveNounNames(15, { seed: 5, exclude: excluded });
    expect(names).toEqual(all.slice(5, 20));
  });

  it("refuses a count that is not a whole number", () => {
    expect(() => adjectiveNounNames(-1)).toThrow(/whole number of at least 0/);
    expect(() => adjectiveNounNames(1.5)).toThrow(/whole number/);
  });
});
