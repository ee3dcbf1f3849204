import { describe, expect, it } from "vitest";
import { describeDistribution, mean, quantileOfSorted, sampleSd } from "./describe.js";

describe("mean and sampleSd", () => {
  it("divide by n and by n − 1", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // squares about 2.5: 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 / 3
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
  });

  it("are null where undefined", () => {
    expect(mean([])).toBeNull();
    expect(sampleSd([5])).toBeNull();
  });
});

describe("quantileOfSorted", () => {
  it("interpolates linearly between ranks", () => {
    // python3 -c 'import numpy as np; print(np.quantile([1,2,3,4],[0.25,0.5,0.75]))' → [1.75 2.5 3.25]
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantileOfSorted([7], 0.9)).toBe(7);
    expect(quantileOfSorted([], 0.5)).toBeNull();
  });
});

describe("describeDistribution", () => {
  it("sorts before taking quartiles", () => {
    expect(describeDistribution([4, 1, 3, 2])).toEqual({
      n: 4,
      mean: 2.5,
      sd: Math.sqrt(5 / 3),
      min: 1,
      q1: 1.75,
      median: 2.5,
      q3: 3.25,
      max: 4,
    });
  });
});
