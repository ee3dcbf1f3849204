/** A value that statistics are computed over: a number (scale answers, numeric fields) or a label. */
export type StatValue = string | number;

/** How often one value was given. */
export interface ValueCount {
  value: StatValue;
  count: number;
}

/** Count, centre and spread of a set of values. */
export interface ValueSummary {
  /** How many values. */
  count: number;
  /** The arithmetic mean; `null` for labels or when there are no values. */
  mean: number | null;
  /** The sample standard deviation (divided by n − 1); `null` for labels or fewer than two values. */
  sd: number | null;
  /** The most frequent value (the lowest of those tied); `null` when there are no values. */
  mode: StatValue | null;
  /** The share of values equal to the mode (1 when all agree); `null` when there are no values. */
  modeShare: number | null;
  /** How often each value was given, in value order. */
  distribution: ValueCount[];
}

/**
 * Summarises values: count, mean and sample standard deviation (for numbers), mode, the mode's share and the
 * distribution (for any values).
 */
export function summariseValues(values: readonly StatValue[]): ValueSummary {
  const counts = new Map<StatValue, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const distribution = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => compareValues(a.value, b.value));
  let mode: ValueCount | undefined;
  for (const entry of distribution) if (!mode || entry.count > mode.count) mode = entry;
  const numbers = values.every((value) => typeof value === "number") ? (values as readonly number[]) : undefined;
  return {
    count: values.length,
    mean: numbers && numbers.length > 0 ? mean(numbers) : null,
    sd: numbers && numbers.length > 1 ? sampleSd(numbers) : null,
    mode: mode?.value ?? null,
    modeShare: mode ? mode.count / values.length : null,
    distribution,
  };
}

/** Orders numbers numerically, labels alphabetically, and numbers before labels. */
export function compareValues(a: StatValue, b: StatValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a.localeCompare(b);
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

function sampleSd(values: readonly number[]): number {
  const centre = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
