import type { SeededRandom } from "../random.js";
import type { FieldSpec } from "./population-spec.js";
import { largestRemainderQuotas, quotaDraws } from "./quotas.js";

// A normal draw outside the range is drawn again; past this many tries (a range far in a tail) it is clamped.
const MAX_NORMAL_TRIES = 1000;

/**
 * `count` values of a numeric field: bands by quota then uniform within the band, a truncated normal, or a
 * uniform range. Whole numbers unless `integer: false`.
 *
 * @param checkBandWeights - called with the bands' weights before they are drawn (to enforce `exact`).
 */
export function drawNumbers(
  field: FieldSpec,
  count: number,
  random: SeededRandom,
  checkBandWeights: (weights: readonly number[]) => void,
): number[] {
  if (field.bands) {
    const weights = field.bands.map((band) => band.weight);
    checkBandWeights(weights);
    const bands = quotaDraws(field.bands, largestRemainderQuotas(weights, count, random) ?? [], random);
    return bands.map((band) => uniform(band.range, field.integer, random));
  }
  if (field.normal) {
    const { mean, sd } = field.normal;
    return Array.from({ length: count }, () => truncatedNormal(mean, sd, field.range, field.integer, random));
  }
  const range = field.range as [number, number];
  return Array.from({ length: count }, () => uniform(range, field.integer, random));
}

function uniform([low, high]: readonly [number, number], integer: boolean, random: SeededRandom): number {
  if (!integer) return low + random.float() * (high - low);
  const least = Math.ceil(low);
  return least + random.int(Math.floor(high) - least + 1);
}

function truncatedNormal(
  mean: number,
  sd: number,
  range: readonly [number, number] | undefined,
  integer: boolean,
  random: SeededRandom,
): number {
  const [low, high] = range
    ? [integer ? Math.ceil(range[0]) : range[0], integer ? Math.floor(range[1]) : range[1]]
    : [];
  let value = mean;
  for (let tries = 0; tries < MAX_NORMAL_TRIES; tries++) {
    value = mean + sd * standardNormal(random);
    if (integer) value = Math.round(value);
    if (low === undefined || high === undefined || (value >= low && value <= high)) return value;
  }
  return Math.min(Math.max(value, low as number), high as number);
}

/** A standard normal draw by the Box–Muller transform. */
function standardNormal(random: SeededRandom): number {
  const u = 1 - random.float(); // in (0, 1], so the logarithm is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.float());
}
