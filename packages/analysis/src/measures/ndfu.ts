/** The bins of the histogram that nDFU measures. */
export const NDFU_BINS = 5;

/**
 * Counts values in `bins` equal-width bins spanning their range (min to max; the last bin includes the
 * maximum). When all values are equal the range is widened by 0.5 on each side, as NumPy's `histogram` does,
 * which puts them all in the middle bin.
 */
export function histogram(values: readonly number[], bins = NDFU_BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0) return counts;
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / bins;
  const edge = (index: number) => (index === bins ? high : low + index * width);
  for (const value of values) {
    let bin = Math.min(Math.floor((value - low) * (bins / (high - low))), bins - 1);
    // Floating point can put a value on the wrong side of an edge: settle it against the edges themselves.
    if (value < edge(bin)) bin -= 1;
    else if (bin < bins - 1 && value >= edge(bin + 1)) bin += 1;
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}

/**
 * The normalised distance from unimodality (nDFU) of a histogram: walking away from its (first) highest bin
 * on either side, a unimodal histogram never rises; the largest rise between neighbouring bins met on the
 * way, divided by the highest bin, is the distance. 0 for a unimodal histogram, near 1 for two equal peaks
 * with nothing between them.
 */
export function ndfuOfHistogram(counts: readonly number[]): number {
  let peak = 0;
  for (let bin = 1; bin < counts.length; bin++) if ((counts[bin] as number) > (counts[peak] as number)) peak = bin;
  const highest = counts[peak] as number;
  if (highest === 0) return 0;
  let largestRise = 0;
  for (let bin = peak; bin < counts.length - 1; bin++) {
    largestRise = Math.max(largestRise, (counts[bin + 1] as number) - (counts[bin] as number));
  }
  for (let bin = peak; bin > 0; bin--) {
    largestRise = Math.max(largestRise, (counts[bin - 1] as number) - (counts[bin] as number));
  }
  return largestRise / highest;
}

/** nDFU of a comment's annotations: over a 5-bin histogram spanning the values' range. */
export function ndfu(values: readonly number[]): number {
  return ndfuOfHistogram(histogram(values));
}
