import { describe, expect, it } from "vitest";
import { histogram, ndfu, ndfuOfHistogram } from "./ndfu.js";

describe("histogram", () => {
  it("uses 5 equal bins over the values' range, the last one closed (as numpy.histogram)", () => {
    // python3 -c 'import numpy as np; print(np.histogram([1,1,1,3,5,5],bins=5)[0],
    //   np.histogram([1,2,2,3,3,3,4,5],bins=5)[0], np.histogram([3,3,3],bins=5)[0])'
    // → [3 0 1 0 2] [1 2 3 1 1] [0 0 3 0 0]
    expect(histogram([1, 1, 1, 3, 5, 5])).toEqual([3, 0, 1, 0, 2]);
    expect(histogram([1, 2, 2, 3, 3, 3, 4, 5])).toEqual([1, 2, 3, 1, 1]);
    expect(histogram([3, 3, 3])).toEqual([0, 0, 3, 0, 0]);
  });

  it("puts values that fall on an inner edge in the bin above it", () => {
    // range 0..5, edges 0, 1, 2, 3, 4, 5
    expect(histogram([0, 1, 2, 3, 4, 5])).toEqual([1, 1, 1, 1, 2]);
  });
});

describe("ndfu", () => {
  it("is 0 for a unimodal histogram", () => {
    expect(ndfuOfHistogram([1, 2, 3, 1, 1])).toBe(0);
    expect(ndfu([3, 3, 3])).toBe(0);
    expect(ndfu([1, 2, 2, 3, 3, 3, 4, 5])).toBe(0);
  });

  it("is 1 for two equal peaks at the ends", () => {
    // [2, 0, 0, 0, 2]: from the first peak, the rise 0 → 2 equals the peak
    expect(ndfu([1, 1, 5, 5])).toBe(1);
  });

  it("is the largest rise away from the peak over the peak (worked by hand)", () => {
    // [3, 0, 1, 0, 2]: rises walking right from bin 0 are 1 (0 → 1) and 2 (0 → 2); 2 / 3
    expect(ndfu([1, 1, 1, 3, 5, 5])).toBeCloseTo(2 / 3, 15);
    // [1, 3, 0, 2, 0]: peak at bin 1; walking right: 0 → 2 rises 2; walking left: 3 → 1 falls; 2 / 3
    expect(ndfuOfHistogram([1, 3, 0, 2, 0])).toBeCloseTo(2 / 3, 15);
    // [2, 0, 4, 0, 1]: peak at bin 2; left: 0 → 2 rises 2; right: 0 → 1 rises 1; 2 / 4
    expect(ndfuOfHistogram([2, 0, 4, 0, 1])).toBe(0.5);
  });
});
