import { SeededRandom } from "@syndisco/core";
import { quantileOfSorted } from "./describe.js";

/** Options of {@link bootstrapMeanInterval}. */
export interface BootstrapOptions {
  /** How many resamples. Default 2,000. */
  resamples?: number;
  /** The seed of the resampling. Default 0. */
  seed?: number;
  /** The interval's coverage. Default 0.95. */
  level?: number;
}

/** A mean with a bootstrap percentile interval. */
export interface MeanInterval {
  /** How many values. */
  n: number;
  /** How many clusters (discussions) hold them. */
  clusters: number;
  mean: number | null;
  low: number | null;
  high: number | null;
}

/**
 * The mean of all values with a bootstrap percentile interval that resamples clusters (discussions), not
 * single values, since the values of one discussion are not independent. Each resample draws as many clusters
 * as there are, uniformly with replacement (seeded, so the same input gives the same interval), and takes the
 * mean of all values in the drawn clusters; the interval's ends are the (1 − level)/2 and (1 + level)/2
 * quantiles of those means (linear interpolation between ranks).
 */
export function bootstrapMeanInterval(
  clusters: readonly (readonly number[])[],
  { resamples = 2000, seed = 0, level = 0.95 }: BootstrapOptions = {},
): MeanInterval {
  const used = clusters.filter((values) => values.length > 0);
  const sums = used.map((values) => values.reduce((total, value) => total + value, 0));
  const counts = used.map((values) => values.length);
  const n = counts.reduce((total, count) => total + count, 0);
  if (n === 0) return { n: 0, clusters: 0, mean: null, low: null, high: null };
  const mean = sums.reduce((total, sum) => total + sum, 0) / n;
  const random = new SeededRandom(seed);
  const means = new Float64Array(resamples);
  for (let resample = 0; resample < resamples; resample++) {
    let total = 0;
    let count = 0;
    for (let draw = 0; draw < used.length; draw++) {
      const cluster = random.int(used.length);
      total += sums[cluster] as number;
      count += counts[cluster] as number;
    }
    means[resample] = total / count;
  }
  means.sort();
  return {
    n,
    clusters: used.length,
    mean,
    low: quantileOfSorted(means, (1 - level) / 2),
    high: quantileOfSorted(means, (1 + level) / 2),
  };
}
