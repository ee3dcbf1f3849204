/** The arithmetic mean; `null` for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** The sample standard deviation (divided by n − 1); `null` for fewer than two values. */
export function sampleSd(values: readonly number[]): number | null {
  const centre = mean(values);
  if (centre === null || values.length < 2) return null;
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The `probability` quantile of values sorted ascending, interpolating linearly between the two nearest
 * ranks (position (n − 1)·probability: R's type 7, NumPy's default); `null` for no values.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, probability: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  if (below === position) return lower;
  const upper = sorted[below + 1] as number;
  return lower + (upper - lower) * (position - below);
}

/** Centre, spread and quartiles of a distribution. */
export interface Distribution {
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

/** Count, mean, sample sd, minimum, quartiles (linear interpolation) and maximum of values. */
export function describeDistribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: values.length,
    mean: mean(values),
    sd: sampleSd(values),
    min: sorted[0] ?? null,
    q1: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q3: quantileOfSorted(sorted, 0.75),
    max: sorted[sorted.length - 1] ?? null,
  };
}
