import type { AnnotationStats, ValueSummary } from "@syndisco/core";
import { measureName } from "./format-stats.js";

/** The CSV's columns, in order. Each row fills those that apply to its `section` and leaves the rest empty. */
export const STATS_CSV_COLUMNS = [
  "section",
  "measure",
  "level",
  "annotator",
  "other_annotator",
  "conv_id",
  "message_order",
  "message_id",
  "user",
  "attribute",
  "group",
  "count",
  "mean",
  "sd",
  "mode",
  "mode_share",
  "distribution",
  "alpha",
  "units",
  "values",
  "answers",
  "valid",
  "invalid",
  "unparsed",
  "invalid_share",
  "message",
] as const;

/** One row of the statistics CSV. */
export type StatsCsvRow = Record<(typeof STATS_CSV_COLUMNS)[number], unknown>;

/**
 * The statistics as one long table, a row per statistic, told apart by `section`: `annotator` (valid and
 * invalid answers), `agreement` (alpha per measure and level, with two annotators or more), `pair` (alpha per
 * pair of annotators),
 * `comment` (each comment's values) and `breakdown` (values per group of an attribute). `distribution` holds
 * `{"value": count}` as JSON.
 */
export function statsCsvRows(stats: AnnotationStats): StatsCsvRow[] {
  const rows: StatsCsvRow[] = stats.annotators.map((annotator) =>
    row({
      section: "annotator",
      annotator: annotator.annotator,
      answers: annotator.answers,
      valid: annotator.valid,
      invalid: annotator.invalid,
      unparsed: annotator.unparsed,
      invalid_share: annotator.invalidShare,
    }),
  );
  for (const measure of stats.measures) {
    const name = measureName(measure);
    // Alpha compares annotators: with fewer than two its rows would hold no value (the terminal says so instead).
    if (stats.annotators.length >= 2) {
      const { units, values, alpha } = measure.agreement;
      for (const level of measure.levels) {
        rows.push(row({ section: "agreement", measure: name, level, alpha: alpha[level], units, values }));
      }
    }
    for (const pair of measure.pairs) {
      for (const level of measure.levels) {
        const [annotator, other_annotator] = pair.annotators;
        const { units, values } = pair;
        rows.push(
          row({
            section: "pair",
            measure: name,
            level,
            annotator,
            other_annotator,
            alpha: pair.alpha[level],
            units,
            values,
          }),
        );
      }
    }
    for (const comment of measure.comments) {
      const { conv_id, message_order, message_id, user, message } = comment;
      rows.push(
        row({
          section: "comment",
          measure: name,
          conv_id,
          message_order,
          message_id,
          user,
          message,
          ...summary(comment),
        }),
      );
    }
    for (const breakdown of measure.breakdowns) {
      for (const group of breakdown.groups) {
        rows.push(
          row({
            section: "breakdown",
            measure: name,
            attribute: breakdown.attribute,
            group: group.value,
            ...summary(group),
          }),
        );
      }
    }
  }
  return rows;
}

function summary(values: ValueSummary): Partial<StatsCsvRow> {
  return {
    count: values.count,
    mean: values.mean,
    sd: values.sd,
    mode: values.mode,
    mode_share: values.modeShare,
    distribution: Object.fromEntries(values.distribution.map(({ value, count }) => [String(value), count])),
  };
}

/** A row with every column, in order, empty where `cells` has nothing. */
function row(cells: Partial<StatsCsvRow>): StatsCsvRow {
  return Object.fromEntries(STATS_CSV_COLUMNS.map((column) => [column, cells[column] ?? null])) as StatsCsvRow;
}
