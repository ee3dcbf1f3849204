import { sampleSd } from "./describe.js";

/** The points where diversity densities are compared: 50, evenly spaced from 0 to 1 inclusive. */
export const DENSITY_POINTS = 50;

/** `count` evenly spaced points from `low` to `high` inclusive. */
export function evenlySpaced(low: number, high: number, count: number): number[] {
  const step = (high - low) / (count - 1);
  return Array.from({ length: count }, (_, index) => (index === count - 1 ? high : low + index * step));
}

/**
 * A Gaussian kernel density estimate of `values` at `points`, with Scott's bandwidth (the sample standard
 * deviation × n^(−1/5)). `null` when it is undefined: fewer than two values, or all of them equal.
 */
export function gaussianKde(values: readonly number[], points: readonly number[]): number[] | null {
  const sd = sampleSd(values);
  if (sd === null || sd === 0) return null;
  const bandwidth = sd * values.length ** (-1 / 5);
  const scale = 1 / (values.length * bandwidth * Math.sqrt(2 * Math.PI));
  return points.map((point) => {
    let total = 0;
    for (const value of values) {
      const z = (point - value) / bandwidth;
      total += Math.exp(-0.5 * z * z);
    }
    return total * scale;
  });
}

/** The values divided by their sum, so that they sum to 1. */
export function normalise(values: readonly number[]): number[] {
  let total = 0;
  for (const value of values) total += value;
  return values.map((value) => value / total);
}

/**
 * The Jensen–Shannon divergence of two discrete distributions (each summing to 1) in nats:
 * ½ KL(P‖M) + ½ KL(Q‖M) with M = ½ (P + Q). The divergence itself, not its square root.
 */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  let divergence = 0;
  for (let index = 0; index < p.length; index++) {
    const a = p[index] as number;
    const b = q[index] as number;
    const middle = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log(a / middle);
    if (b > 0) divergence += 0.5 * b * Math.log(b / middle);
  }
  return divergence;
}

/**
 * The Jensen–Shannon divergence between two samples' densities: each a Gaussian KDE (Scott's rule) at 50
 * evenly spaced points on [0, 1], normalised to sum to 1. `null` when either density is undefined.
 */
export function densityDivergence(sample: readonly number[], reference: readonly number[]): number | null {
  const points = evenlySpaced(0, 1, DENSITY_POINTS);
  const p = gaussianKde(sample, points);
  const q = gaussianKde(reference, points);
  if (p === null || q === null) return null;
  return jensenShannon(normalise(p), normalise(q));
}
