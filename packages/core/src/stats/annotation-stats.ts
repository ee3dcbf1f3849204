import { InputError } from "../errors.js";
import type { AnnotationRow } from "../export/import-annotations.js";
import type { DiscussionRow } from "../export/import-discussions.js";
import { type AnnotatorValidity, annotatorValidity, coderOf, isUsable } from "./annotator-validity.js";
import { type Breakdown, breakdown, type ValueWithColumns } from "./breakdown.js";
import { type JoinedAnnotation, joinComments } from "./join-comments.js";
import type { MeasurementLevel } from "./krippendorff.js";
import { type Agreement, type CodedValue, measureAgreement, type PairAgreement } from "./measure-agreement.js";
import { measureValues, WHOLE_ANSWER_MEASURE } from "./measure-values.js";
import { type StatValue, summariseValues, type ValueSummary } from "./summarise-values.js";

/** Options of {@link annotationStats}. */
export interface AnnotationStatsOptions {
  /**
   * The annotated discussions' rows (from `importDiscussions`): they tell who wrote each comment, so that
   * values can be broken down by the commenter's persona.
   */
  discussions?: readonly DiscussionRow[];
  /**
   * Columns to break the values down by: a commenter attribute as the discussions export names it (`sex`,
   * `age`; needs `discussions`), an annotator attribute as the annotations export names it (`annot_sex`), or
   * any other column of either (`annotator`, `user`, `model`, `message_order`).
   */
  by?: readonly string[];
}

/** The values that annotators gave one comment. */
export interface CommentStats extends ValueSummary {
  conv_id: string;
  /** The comment's 1-based position in its discussion; `null` when neither file records it. */
  message_order: number | null;
  message_id: string;
  /** The comment's author; `null` without the discussions. */
  user: string | null;
  message: string;
}

/** Everything about one measure: a scale or label answer, or one field of JSON answers. */
export interface MeasureStats {
  /** `annotation`, or `annotation.<field>` for a field of a JSON answer. */
  name: string;
  /** `numeric` when every value is a number (scales, number fields), else `label`. */
  kind: "numeric" | "label";
  /** The levels alpha is computed at: ordinal and interval for numbers, nominal for labels. */
  levels: MeasurementLevel[];
  /** All valid values together. */
  summary: ValueSummary;
  /** Agreement among all annotators. */
  agreement: Agreement;
  /** Agreement between each pair of annotators. */
  pairs: PairAgreement[];
  /** One entry per annotated comment that has at least one valid value, in discussion order. */
  comments: CommentStats[];
  /** One per attribute of {@link AnnotationStatsOptions.by}, in that order. */
  breakdowns: Breakdown[];
}

/** What {@link annotationStats} computes. */
export interface AnnotationStats {
  /** One per measure: `annotation` first, then the fields of JSON answers in the order first seen. */
  measures: MeasureStats[];
  /** Valid and invalid answers per annotator. */
  annotators: AnnotatorValidity[];
}

const NUMERIC_LEVELS: MeasurementLevel[] = ["ordinal", "interval"];
const LABEL_LEVELS: MeasurementLevel[] = ["nominal"];

/**
 * Statistics of annotations (rows from `importAnnotations`): per comment the mean, spread and count of the
 * valid values; Krippendorff's alpha among annotators (units are comments) at the levels that fit the values;
 * the share of each annotator's answers that could not be used; and breakdowns by any attribute.
 *
 * Invalid answers (and, for annotators without an answer form, answers that are not a plain number) count
 * as missing values.
 *
 * @throws {@link InputError} naming `by` when an attribute is in no row.
 */
export function annotationStats(
  annotations: readonly AnnotationRow[],
  { discussions, by = [] }: AnnotationStatsOptions = {},
): AnnotationStats {
  const joined = joinComments(annotations, discussions);
  requireColumns(by, joined, discussions !== undefined);
  const valuesByMeasure = new Map<string, { entry: JoinedAnnotation; value: StatValue }[]>();
  for (const entry of joined) {
    if (!isUsable(entry.annotation)) continue;
    for (const { measure, value } of measureValues(entry.annotation.annotation_value)) {
      const values = valuesByMeasure.get(measure) ?? [];
      values.push({ entry, value });
      valuesByMeasure.set(measure, values);
    }
  }
  const measures = [...valuesByMeasure]
    .sort(([a], [b]) => Number(b === WHOLE_ANSWER_MEASURE) - Number(a === WHOLE_ANSWER_MEASURE))
    .map(([name, values]) => measureStats(name, values, by));
  return { measures, annotators: annotatorValidity(annotations) };
}

function measureStats(
  name: string,
  values: readonly { entry: JoinedAnnotation; value: StatValue }[],
  by: readonly string[],
): MeasureStats {
  const numeric = values.every(({ value }) => typeof value === "number");
  // A measure that mixes numbers and labels (annotators with different forms) is compared as labels.
  const asStat = (value: StatValue): StatValue => (numeric ? value : String(value));
  const units = new Map<string, CodedValue[]>();
  const comments = new Map<string, { entry: JoinedAnnotation; values: StatValue[] }>();
  for (const { entry, value } of values) {
    const key = entry.commentKey;
    const unit = units.get(key) ?? [];
    unit.push({ coder: coderOf(entry.annotation), value: asStat(value) });
    units.set(key, unit);
    const comment = comments.get(key) ?? { entry, values: [] };
    comment.values.push(asStat(value));
    comments.set(key, comment);
  }
  const levels = numeric ? NUMERIC_LEVELS : LABEL_LEVELS;
  const withColumns: ValueWithColumns[] = values.map(({ entry, value }) => ({
    columns: entry.columns,
    value: asStat(value),
  }));
  return {
    name,
    kind: numeric ? "numeric" : "label",
    levels: [...levels],
    summary: summariseValues(withColumns.map(({ value }) => value)),
    ...measureAgreement(units, levels),
    comments: inDiscussionOrder([...comments.values()].map(({ entry, values }) => commentStats(entry, values))),
    breakdowns: by.map((attribute) => breakdown(attribute, withColumns)),
  };
}

function commentStats(entry: JoinedAnnotation, values: readonly StatValue[]): CommentStats {
  return {
    conv_id: entry.annotation.conv_id,
    message_order: entry.messageOrder,
    message_id: entry.annotation.message_id,
    user: entry.comment?.user ?? null,
    message: entry.annotation.message,
    ...summariseValues(values),
  };
}

/** Discussions in the order first seen, comments by position within each. */
function inDiscussionOrder(comments: CommentStats[]): CommentStats[] {
  const rank = new Map<string, number>();
  for (const comment of comments) if (!rank.has(comment.conv_id)) rank.set(comment.conv_id, rank.size);
  return comments.sort(
    (a, b) =>
      (rank.get(a.conv_id) ?? 0) - (rank.get(b.conv_id) ?? 0) ||
      (a.message_order ?? Number.MAX_SAFE_INTEGER) - (b.message_order ?? Number.MAX_SAFE_INTEGER),
  );
}

function requireColumns(by: readonly string[], joined: readonly JoinedAnnotation[], haveDiscussions: boolean): void {
  const columns = new Set(joined.flatMap((entry) => Object.keys(entry.columns)));
  const missing = by.find((attribute) => !columns.has(attribute));
  if (missing === undefined) return;
  const hint = haveDiscussions ? "" : " (the commenter's attributes need the discussions)";
  throw new InputError(`no annotation${haveDiscussions ? " or comment" : ""} has the attribute "${missing}"`, {
    field: "by",
    fix: `Use one of: ${[...columns].sort().join(", ")}${hint}`,
  });
}
