import type { SeededRandom } from "../random.js";

/**
 * Whole-number quotas for `count` draws from categories with `weights`, by the largest-remainder method:
 * each category gets the whole part of its share of `count`, and the draws left over go one each to the
 * categories with the largest fractional parts (ties broken by `random`). Every quota is then within one of
 * its exact share, and the quotas add up to `count`: 500 draws at 30% give exactly 150.
 *
 * @returns the quota of each category, in the order of `weights`; `undefined` when the weights add up to 0.
 */
export function largestRemainderQuotas(
  weights: readonly number[],
  count: number,
  random: SeededRandom,
): number[] | undefined {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) return undefined;
  const shares = weights.map((weight) => (weight / total) * count);
  const quotas = shares.map((share) => Math.floor(share));
  let left = count - quotas.reduce((sum, quota) => sum + quota, 0);
  const order = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share), tieBreak: random.float() }))
    .filter(({ remainder }) => remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || a.tieBreak - b.tieBreak);
  for (const { index } of order) {
    if (left === 0) break;
    quotas[index] = (quotas[index] as number) + 1;
    left -= 1;
  }
  return quotas;
}

/**
 * The categories whose exact share of `count` is not a whole number (with a tolerance for floating point),
 * for specs that ask for exact quotas.
 */
export function fractionalShares(weights: readonly number[], count: number): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights
    .map((weight, index) => ({ index, share: (weight / total) * count }))
    .filter(({ share }) => Math.abs(share - Math.round(share)) > 1e-9)
    .map(({ index }) => index);
}

/**
 * The smallest count whose quotas are all whole numbers, when the weights are whole numbers; `undefined`
 * otherwise. Shares are weight / total, so the count must be a multiple of total / gcd(total, every weight).
 */
export function smallestExactCount(weights: readonly number[]): number | undefined {
  if (!weights.every(Number.isInteger)) return undefined;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const divisor = weights.reduce((acc, weight) => gcd(acc, weight), total);
  return divisor > 0 ? total / divisor : undefined;
}

/** `values` repeated by their quotas, shuffled: one value per draw. */
export function quotaDraws<T>(values: readonly T[], quotas: readonly number[], random: SeededRandom): T[] {
  const draws: T[] = [];
  values.forEach((value, index) => {
    for (let n = 0; n < (quotas[index] ?? 0); n++) draws.push(value);
  });
  return random.sample(draws, draws.length);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
