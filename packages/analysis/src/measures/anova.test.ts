import { describe, expect, it } from "vitest";
import { oneWayAnova } from "./anova.js";

describe("oneWayAnova", () => {
  it("computes F by hand and p as scipy.stats.f_oneway does", () => {
    // Means 2, 5, 8.5; grand mean 5.5. SSB = 3·3.5² + 3·0.5² + 4·3² = 73.5; SSW = 2 + 2 + 5 = 9.
    // F = (73.5 / 2) / (9 / 7) = 28.583…
    // python3 -c 'from scipy import stats; print(stats.f_oneway([1,2,3],[4,5,6],[7,8,9,10]))'
    // → statistic=28.583333333333332, pvalue=0.00042880512084260387
    const result = oneWayAnova([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9, 10],
    ]);
    expect(result).toMatchObject({ groups: 3, n: 10, dfBetween: 2, dfWithin: 7 });
    expect(result.f).toBeCloseTo(73.5 / 2 / (9 / 7), 12);
    expect(result.p).toBeCloseTo(0.00042880512084260387, 15);
  });

  it("keeps the digits of a very small p (the upper tail, not 1 − CDF)", () => {
    // python3 -c 'from scipy import stats; print(stats.f_oneway([0,0.1,-0.1,0.05,-0.05],[2,2.1,1.9,2.05,1.95]))'
    // → statistic=1600.000000000034, pvalue=1.678571887914436e-10
    const result = oneWayAnova([
      [0, 0.1, -0.1, 0.05, -0.05],
      [2, 2.1, 1.9, 2.05, 1.95],
    ]);
    expect(result.f).toBeCloseTo(1600, 9);
    expect((result.p as number) / 1.678571887914436e-10).toBeCloseTo(1, 9);
  });

  it("is undefined with fewer than two groups, no freedom within groups, or no spread", () => {
    expect(oneWayAnova([[1, 2, 3]]).f).toBeNull();
    expect(oneWayAnova([[1], [2]]).f).toBeNull();
    expect(
      oneWayAnova([
        [1, 1],
        [2, 2],
      ]).f,
    ).toBeNull();
    expect(oneWayAnova([[1, 2], []]).groups).toBe(1);
  });
});
