/** How far apart two labels are: which of Krippendorff's difference functions applies. */
export type MeasurementLevel = "nominal" | "ordinal" | "interval";

/** A label, or `null` where a coder gave none (or an invalid one). */
export type Rating = string | number | null;

/**
 * Krippendorff's alpha: agreement among any number of coders (annotators) beyond chance, with missing values
 * allowed. `1` is perfect agreement, `0` what chance gives, below `0` systematic disagreement.
 *
 * @param units - one array per unit (a comment), holding each coder's label or `null`. Units with fewer than
 *   two labels cannot be paired and do not count.
 * @param level - `nominal` for unordered labels, `ordinal` for ranks, `interval` for numbers.
 * @returns alpha, or `NaN` when there is nothing to compare (fewer than two pairable values, or a single value
 *   used throughout, where agreement is undefined).
 */
export function krippendorffAlpha(units: readonly (readonly Rating[])[], level: MeasurementLevel): number {
  const pairable = units
    .map((unit) => unit.filter((value): value is string | number => value !== null))
    .filter((values) => values.length >= 2);
  const coincidences = coincidenceMatrix(pairable);
  const values = [...coincidences.keys()];
  if (level !== "nominal") values.sort(compareLabels);
  const marginals = new Map(values.map((value) => [value, sum(coincidences.get(value)?.values() ?? [])]));
  const total = sum(marginals.values());
  if (total <= 1) return Number.NaN;

  const distance = distanceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (const c of values) {
    for (const k of values) {
      const delta = distance(c, k);
      if (delta === 0) continue;
      observed += (coincidences.get(c)?.get(k) ?? 0) * delta;
      expected += (marginals.get(c) ?? 0) * (marginals.get(k) ?? 0) * delta;
    }
  }
  if (expected === 0) return Number.NaN;
  return 1 - ((total - 1) * observed) / expected;
}

/** o_ck: how often values c and k are paired within units, each unit weighted by 1 / (m_u − 1). */
function coincidenceMatrix(units: readonly (string | number)[][]): Map<string | number, Map<string | number, number>> {
  const matrix = new Map<string | number, Map<string | number, number>>();
  for (const unit of units) {
    const weight = 1 / (unit.length - 1);
    unit.forEach((c, i) => {
      unit.forEach((k, j) => {
        if (i === j) return;
        const row = matrix.get(c) ?? new Map<string | number, number>();
        row.set(k, (row.get(k) ?? 0) + weight);
        matrix.set(c, row);
      });
    });
  }
  return matrix;
}

type Distance = (c: string | number, k: string | number) => number;

function distanceFunction(
  level: MeasurementLevel,
  orderedValues: readonly (string | number)[],
  marginals: ReadonlyMap<string | number, number>,
): Distance {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") return (c, k) => (Number(c) - Number(k)) ** 2;
  // Ordinal: the squared count of values that lie between c and k, half-counting the two ends.
  const rank = new Map(orderedValues.map((value, index) => [value, index]));
  const counts = orderedValues.map((value) => marginals.get(value) ?? 0);
  return (c, k) => {
    const [low, high] = [rank.get(c) ?? 0, rank.get(k) ?? 0].sort((a, b) => a - b) as [number, number];
    const between = sum(counts.slice(low, high + 1)) - ((counts[low] ?? 0) + (counts[high] ?? 0)) / 2;
    return between ** 2;
  };
}

function compareLabels(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
