// The summary of repeated measurements: the median and the range.

/** `{median, min, max, n}` of the finite numbers in `values`, or undefined when there are none. */
export function summarize(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

/**
 * Per-repetition ratios `numerator[i] / denominator[i]` of two cases measured in the same repetitions,
 * summarized. Repetitions where either failed are left out.
 */
export function pairedRatio(numerator, denominator, metric) {
  const ratios = numerator.map((run, index) => {
    const top = run?.metrics?.[metric];
    const bottom = denominator[index]?.metrics?.[metric];
    return Number.isFinite(top) && Number.isFinite(bottom) && bottom > 0 ? top / bottom : Number.NaN;
  });
  return summarize(ratios);
}
