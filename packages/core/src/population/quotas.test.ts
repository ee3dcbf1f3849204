import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random.js";
import { fractionalShares, largestRemainderQuotas, quotaDraws, smallestExactCount } from "./quotas.js";

describe("largestRemainderQuotas", () => {
  it("gives each category the whole part of its share, and the rest to the largest remainders", () => {
    // Shares of 7: 3.5, 2.1, 1.4 → whole parts 3, 2, 1 (6); the one left goes to the largest remainder (.5).
    expect(largestRemainderQuotas([0.5, 0.3, 0.2], 7, new SeededRandom(1))).toEqual([4, 2, 1]);
    // 500 at 30% is exactly 150.
    expect(largestRemainderQuotas([33, 30, 37], 500, new SeededRandom(1))).toEqual([165, 150, 185]);
    // Weights need not add up to 1 or 100.
    expect(largestRemainderQuotas([1, 3], 8, new SeededRandom(1))).toEqual([2, 6]);
  });

  it("breaks ties by the seed, and always adds up to the count", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const quotas = largestRemainderQuotas([1, 1, 1], 10, new SeededRandom(seed)) as number[];
      expect(quotas.reduce((a, b) => a + b, 0)).toBe(10);
      expect([...quotas].sort()).toEqual([3, 3, 4]);
      seen.add(quotas.join());
    }
    // Each category gets the extra one for some seed: ties are not always broken the same way.
    expect(seen.size).toBe(3);
  });

  it("gives nothing to a category of weight 0, and undefined when every weight is 0", () => {
    expect(largestRemainderQuotas([0, 2, 2], 5, new SeededRandom(2))?.[0]).toBe(0);
    expect(largestRemainderQuotas([0, 0], 5, new SeededRandom(2))).toBeUndefined();
  });
});

describe("exact quotas", () => {
  it("finds the shares that are not whole numbers", () => {
    expect(fractionalShares([30, 70], 10)).toEqual([]);
    expect(fractionalShares([30, 70], 7)).toEqual([0, 1]); // 2.1 and 4.9
  });

  it("finds the smallest count that makes every share whole", () => {
    expect(smallestExactCount([30, 70])).toBe(10);
    expect(smallestExactCount([1, 1, 1])).toBe(3);
    expect(smallestExactCount([33, 30, 37])).toBe(100);
    expect(smallestExactCount([0.5, 0.5])).toBeUndefined();
  });
});

describe("quotaDraws", () => {
  it("repeats each value by its quota, in a seeded order", () => {
    const draws = quotaDraws(["a", "b"], [2, 3], new SeededRandom(4));
    expect([...draws].sort()).toEqual(["a", "a", "b", "b", "b"]);
    expect(quotaDraws(["a", "b"], [2, 3], new SeededRandom(4))).toEqual(draws);
  });
});
