import betainc from "@stdlib/math-base-special-betainc";

/** A one-way analysis of variance. */
export interface Anova {
  /** Groups with at least one value. */
  groups: number;
  /** Values in those groups. */
  n: number;
  dfBetween: number;
  dfWithin: number;
  /** The F statistic; `null` when undefined (fewer than two groups, no within-group freedom, or no spread). */
  f: number | null;
  /** P(F(dfBetween, dfWithin) ≥ f); `null` when f is. */
  p: number | null;
}

/**
 * One-way ANOVA across groups of values: F = (SSB / (k − 1)) / (SSW / (N − k)), where SSB is the spread of
 * the group means around the grand mean (each weighted by its group's size) and SSW the spread of values
 * around their group's mean; p is the upper tail of the F distribution, computed as the regularised
 * incomplete beta function I_{d2/(d2 + d1·F)}(d2/2, d1/2) so that small p keep their digits.
 */
export function oneWayAnova(groups: readonly (readonly number[])[]): Anova {
  const used = groups.filter((values) => values.length > 0);
  const k = used.length;
  let n = 0;
  let grandTotal = 0;
  for (const values of used) {
    n += values.length;
    for (const value of values) grandTotal += value;
  }
  const dfBetween = k - 1;
  const dfWithin = n - k;
  const undefinedResult = { groups: k, n, dfBetween, dfWithin, f: null, p: null };
  if (k < 2 || dfWithin < 1) return undefinedResult;
  const grandMean = grandTotal / n;
  let between = 0;
  let within = 0;
  for (const values of used) {
    let total = 0;
    for (const value of values) total += value;
    const groupMean = total / values.length;
    between += values.length * (groupMean - grandMean) ** 2;
    for (const value of values) within += (value - groupMean) ** 2;
  }
  if (within === 0) return undefinedResult;
  const f = between / dfBetween / (within / dfWithin);
  const p = betainc(dfWithin / (dfWithin + dfBetween * f), dfWithin / 2, dfBetween / 2);
  return { groups: k, n, dfBetween, dfWithin, f, p };
}
