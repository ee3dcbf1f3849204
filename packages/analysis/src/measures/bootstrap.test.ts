import { describe, expect, it } from "vitest";
import { bootstrapMeanInterval } from "./bootstrap.js";

describe("bootstrapMeanInterval", () => {
  it("gives the pooled mean of all values, not the mean of cluster means", () => {
    // values 1, 3 and 2 in two clusters: (1 + 3 + 2) / 3 = 2 (cluster means 2 and 2)
    // values 0, 0, 0 and 3: 3 / 4 = 0.75 (the mean of cluster means would be 1.5)
    expect(bootstrapMeanInterval([[0, 0, 0], [3]]).mean).toBe(0.75);
  });

  it("has no width when every resample has the same mean (worked by hand)", () => {
    // Clusters [1, 3] (sum 4, 2 values) and [2] (sum 2, 1 value): any draw of two gives 8/4, 6/3 or 4/2 = 2.
    expect(bootstrapMeanInterval([[1, 3], [2]])).toEqual({ n: 3, clusters: 2, mean: 2, low: 2, high: 2 });
  });

  it("spans the possible resample means: 0 and 1 for clusters [0] and [1]", () => {
    // Resample means are 0, 0.5 or 1 with chances 1/4, 1/2, 1/4: the 2.5% and 97.5% quantiles of 2,000
    // of them are 0 and 1.
    const interval = bootstrapMeanInterval([[0], [1]]);
    expect(interval.mean).toBe(0.5);
    expect(interval.low).toBe(0);
    expect(interval.high).toBe(1);
  });

  it("is reproducible for a seed", () => {
    const clusters = [[1, 2], [5], [3, 3, 4], [0, 2], [6]];
    const first = bootstrapMeanInterval(clusters, { seed: 3 });
    expect(bootstrapMeanInterval(clusters, { seed: 3 })).toEqual(first);
    expect(first.low as number).toBeLessThan(first.mean as number);
    expect(first.high as number).toBeGreaterThan(first.mean as number);
  });

  it("ignores clusters without values and is empty without any", () => {
    expect(bootstrapMeanInterval([[], [4]])).toEqual({ n: 1, clusters: 1, mean: 4, low: 4, high: 4 });
    expect(bootstrapMeanInterval([[], []])).toEqual({ n: 0, clusters: 0, mean: null, low: null, high: null });
  });
});
