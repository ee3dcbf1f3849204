import { describe, expect, it } from "vitest";
import { densityDivergence, evenlySpaced, gaussianKde, jensenShannon, normalise } from "./kde.js";

const SAMPLE = [0.2, 0.4, 0.5, 0.9];
const REFERENCE = [0.1, 0.3, 0.35, 0.6, 0.7];

describe("evenlySpaced", () => {
  it("includes both ends", () => {
    expect(evenlySpaced(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(evenlySpaced(0, 1, 50)).toHaveLength(50);
  });
});

describe("gaussianKde", () => {
  it("matches scipy's gaussian_kde (Scott's rule)", () => {
    // python3 -c 'import numpy as np; from scipy import stats; x=np.linspace(0,1,50);
    //   p=stats.gaussian_kde([0.2,0.4,0.5,0.9])(x); print(repr(p[0]), repr(p[25]))'
    // → 0.42514134091341604 1.1094585632159788
    const density = gaussianKde(SAMPLE, evenlySpaced(0, 1, 50)) as number[];
    expect(density[0]).toBeCloseTo(0.42514134091341604, 13);
    expect(density[25]).toBeCloseTo(1.1094585632159788, 13);
  });

  it("is undefined for fewer than two values or no spread", () => {
    expect(gaussianKde([0.5], [0, 1])).toBeNull();
    expect(gaussianKde([0.5, 0.5], [0, 1])).toBeNull();
  });

  it("uses the sample sd × n^(−1/5) as bandwidth (worked by hand for two points)", () => {
    // values 0 and 1: sd = √0.5, h = √0.5 · 2^(−1/5); density at 0 = (φ(0) + φ(1/h)) / (2h)
    const h = Math.sqrt(0.5) * 2 ** (-1 / 5);
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    expect((gaussianKde([0, 1], [0]) as number[])[0]).toBeCloseTo((phi(0) + phi(1 / h)) / (2 * h), 15);
  });
});

describe("jensenShannon", () => {
  it("is ln 2 for distributions with no overlap and 0 for equal ones", () => {
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.LN2, 15);
    expect(jensenShannon([0.3, 0.7], [0.3, 0.7])).toBe(0);
  });

  it("is the divergence itself (worked by hand)", () => {
    // P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4):
    // ½[½ ln(2/3) + ½ ln 2] + ½[ln(4/3)] = ¼ ln(4/3) + ½ ln(4/3) = ¾ ln(4/3)
    expect(jensenShannon([0.5, 0.5], [1, 0])).toBeCloseTo(0.75 * Math.log(4 / 3), 15);
  });
});

describe("densityDivergence", () => {
  it("matches scipy: the square of jensenshannon over the two KDEs on 50 points", () => {
    // python3 -c 'import numpy as np; from scipy import stats; from scipy.spatial.distance import jensenshannon;
    //   x=np.linspace(0,1,50); p=stats.gaussian_kde([0.2,0.4,0.5,0.9])(x);
    //   q=stats.gaussian_kde([0.1,0.3,0.35,0.6,0.7])(x); print(repr(jensenshannon(p,q)**2))'
    // → 0.00627418517765856
    expect(densityDivergence(SAMPLE, REFERENCE)).toBeCloseTo(0.00627418517765856, 14);
  });

  it("normalises each density to sum to 1", () => {
    expect(normalise([1, 3])).toEqual([0.25, 0.75]);
  });

  it("is undefined when a density is", () => {
    expect(densityDivergence([0.5], REFERENCE)).toBeNull();
  });
});
