import { krippendorffAlpha, type MeasurementLevel } from "./krippendorff.js";
import type { StatValue } from "./summarise-values.js";

/** Krippendorff's alpha at each level that fits a measure; `null` where agreement is undefined. */
export type AlphaByLevel = Partial<Record<MeasurementLevel, number | null>>;

/** Agreement among annotators on one measure. */
export interface Agreement {
  /** Krippendorff's alpha per level; `null` when there is nothing to compare or one value was used throughout. */
  alpha: AlphaByLevel;
  /** Comments that at least two annotators rated: the units alpha is computed over. */
  units: number;
  /** The values given to those comments. */
  values: number;
}

/** Agreement between two annotators, over the comments both rated. */
export interface PairAgreement extends Agreement {
  annotators: [string, string];
}

/** One annotator's value for one comment. */
export interface CodedValue {
  coder: string;
  value: StatValue;
}

/**
 * Krippendorff's alpha over comments (units) at each level, every value of a comment pairable with the
 * others (so an annotator who rated a comment twice adds two values), then the same for each pair of
 * annotators over the comments both rated, with each annotator's first value.
 */
export function measureAgreement(
  units: ReadonlyMap<string, readonly CodedValue[]>,
  levels: readonly MeasurementLevel[],
): { agreement: Agreement; pairs: PairAgreement[] } {
  const allUnits = [...units.values()].map((unit) => unit.map((coded) => coded.value));
  const coders = [...new Set([...units.values()].flatMap((unit) => unit.map((coded) => coded.coder)))].sort();
  const pairs: PairAgreement[] = [];
  for (const [index, first] of coders.entries()) {
    for (const second of coders.slice(index + 1)) {
      const pairUnits = [...units.values()].map((unit) => [firstValue(unit, first), firstValue(unit, second)]);
      pairs.push({ annotators: [first, second], ...agreementOf(pairUnits, levels) });
    }
  }
  return { agreement: agreementOf(allUnits, levels), pairs };
}

function agreementOf(
  units: readonly (readonly (StatValue | null)[])[],
  levels: readonly MeasurementLevel[],
): Agreement {
  const pairable = units
    .map((unit) => unit.filter((value): value is StatValue => value !== null))
    .filter((unit) => unit.length >= 2);
  const alpha: AlphaByLevel = {};
  for (const level of levels) {
    const value = krippendorffAlpha(pairable, level);
    alpha[level] = Number.isNaN(value) ? null : value;
  }
  return { alpha, units: pairable.length, values: pairable.reduce((total, unit) => total + unit.length, 0) };
}

function firstValue(unit: readonly CodedValue[], coder: string): StatValue | null {
  return unit.find((coded) => coded.coder === coder)?.value ?? null;
}
