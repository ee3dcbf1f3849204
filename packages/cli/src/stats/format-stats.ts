import type { AnnotationStats, AnnotatorValidity, Breakdown, MeasureStats, ValueCount } from "@syndisco/core";
import { textTable } from "./text-table.js";

/** Options of {@link formatStats}. */
export interface FormatStatsOptions {
  /** Rows of each per-comment table (0 for all); the CSV always holds every row. */
  maxRows: number;
}

/**
 * The statistics as terminal tables: the annotators' valid and invalid answers, agreement overall and per
 * pair, then for each measure its comments and its breakdowns.
 */
export function formatStats(stats: AnnotationStats, { maxRows }: FormatStatsOptions): string {
  const sections = [section("Annotators", annotatorsTable(stats.annotators))];
  if (stats.measures.length === 0) {
    sections.push("No annotation has a usable value: nothing to compare.");
    return `${sections.join("\n\n")}\n`;
  }
  if (stats.annotators.length < 2) {
    // Alpha compares annotators: with one, its table would hold only dashes and "0 comments".
    const only = stats.annotators[0]?.annotator;
    sections.push(
      `Agreement: not computed; it needs at least two annotators, and ${only === undefined ? "there is none" : `${only} is the only one`}.`,
    );
  } else {
    sections.push(
      section(
        "Agreement (Krippendorff's alpha over comments rated by at least two annotators)",
        agreementTable(stats.measures),
      ),
    );
  }
  const pairs = stats.measures.filter((measure) => measure.pairs.length > 1);
  if (pairs.length > 0) sections.push(section("Agreement per pair of annotators", pairsTable(pairs)));
  for (const measure of stats.measures) {
    const shown = maxRows === 0 ? measure.comments : measure.comments.slice(0, maxRows);
    const more = measure.comments.length - shown.length;
    const title = `Comments: ${measureName(measure)}${more > 0 ? ` (first ${shown.length} of ${measure.comments.length}; --csv writes all, --max-rows 0 shows all)` : ""}`;
    sections.push(section(title, commentsTable(shown)));
    for (const breakdown of measure.breakdowns) {
      sections.push(section(`${measureName(measure)} by ${breakdown.attribute}`, breakdownTable(breakdown)));
    }
  }
  return `${sections.join("\n\n")}\n`;
}

/** `answer` for scale and label answers, the field's name for JSON answers. */
export function measureName(measure: Pick<MeasureStats, "name">): string {
  return measure.name === "annotation" ? "answer" : measure.name.replace(/^annotation\./, "");
}

/** A number with `digits` decimals (whole numbers as they are); `–` for none. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** How often each value was given: `1:2 3:4`. */
export function formatDistribution(distribution: readonly ValueCount[]): string {
  return distribution.map(({ value, count }) => `${value}:${count}`).join(" ");
}

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

function annotatorsTable(annotators: readonly AnnotatorValidity[]): string {
  return textTable(
    [
      { heading: "annotator" },
      { heading: "model", maxWidth: 30 },
      { heading: "answers", align: "right" },
      { heading: "valid", align: "right" },
      { heading: "invalid", align: "right" },
      { heading: "unparsed", align: "right" },
      { heading: "invalid share", align: "right" },
    ],
    annotators.map((annotator) => [
      annotator.annotator,
      annotator.models.join(", "),
      String(annotator.answers),
      String(annotator.valid),
      String(annotator.invalid),
      String(annotator.unparsed),
      `${(annotator.invalidShare * 100).toFixed(1)}%`,
    ]),
  );
}

function agreementTable(measures: readonly MeasureStats[]): string {
  return textTable(
    [
      { heading: "measure" },
      { heading: "level" },
      { heading: "alpha", align: "right" },
      { heading: "comments", align: "right" },
      { heading: "values", align: "right" },
    ],
    measures.flatMap((measure) =>
      measure.levels.map((level) => [
        measureName(measure),
        level,
        formatNumber(measure.agreement.alpha[level], 3),
        String(measure.agreement.units),
        String(measure.agreement.values),
      ]),
    ),
  );
}

function pairsTable(measures: readonly MeasureStats[]): string {
  return textTable(
    [
      { heading: "measure" },
      { heading: "annotators" },
      { heading: "level" },
      { heading: "alpha", align: "right" },
      { heading: "comments", align: "right" },
    ],
    measures.flatMap((measure) =>
      measure.pairs.flatMap((pair) =>
        measure.levels.map((level) => [
          measureName(measure),
          pair.annotators.join(" – "),
          level,
          formatNumber(pair.alpha[level], 3),
          String(pair.units),
        ]),
      ),
    ),
  );
}

function commentsTable(comments: MeasureStats["comments"]): string {
  return textTable(
    [
      { heading: "discussion", maxWidth: 14 },
      { heading: "#", align: "right" },
      { heading: "user", maxWidth: 16 },
      { heading: "n", align: "right" },
      { heading: "mean", align: "right" },
      { heading: "sd", align: "right" },
      { heading: "mode" },
      { heading: "agree", align: "right" },
      { heading: "comment", maxWidth: 48 },
    ],
    comments.map((comment) => [
      comment.conv_id,
      comment.message_order === null ? "?" : String(comment.message_order),
      comment.user ?? "",
      String(comment.count),
      formatNumber(comment.mean),
      formatNumber(comment.sd),
      comment.mode === null ? "–" : String(comment.mode),
      comment.modeShare === null ? "–" : `${Math.round(comment.modeShare * 100)}%`,
      comment.message,
    ]),
  );
}

function breakdownTable(breakdown: Breakdown): string {
  return textTable(
    [
      { heading: breakdown.attribute, maxWidth: 30 },
      { heading: "n", align: "right" },
      { heading: "mean", align: "right" },
      { heading: "sd", align: "right" },
      { heading: "values", maxWidth: 60 },
    ],
    breakdown.groups.map((group) => [
      group.value === null ? "(none)" : String(group.value),
      String(group.count),
      formatNumber(group.mean),
      formatNumber(group.sd),
      formatDistribution(group.distribution),
    ]),
  );
}
