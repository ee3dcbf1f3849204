import type { AnnotationRow } from "../export/import-annotations.js";

/** How many of an annotator's answers can be used. */
export interface AnnotatorValidity {
  /** The annotator's username (its model's name for files that do not record one). */
  annotator: string;
  /** The models that spoke for the annotator. */
  models: string[];
  /** Every answer the annotator gave. */
  answers: number;
  /** Answers with a usable value: valid for the answer form, or a plain number where there was no form. */
  valid: number;
  /** Answers that did not fit the answer form, even after the retries. */
  invalid: number;
  /** Answers without an answer form that are not a plain number, so nothing can be counted. */
  unparsed: number;
  /** The share of answers without a usable value, `(invalid + unparsed) / answers`. */
  invalidShare: number;
}

/** Who gave an annotation: the annotator's username, else (in the oldest upstream files) its model. */
export function coderOf(row: AnnotationRow): string {
  return row.annotator || row.annotator_model;
}

/** Whether an annotation has a value that statistics can use. */
export function isUsable(row: AnnotationRow): boolean {
  return row.annotation_valid !== false && row.annotation_value !== null;
}

/** Counts each annotator's valid, invalid and unparsed answers, annotators in name order. */
export function annotatorValidity(rows: readonly AnnotationRow[]): AnnotatorValidity[] {
  const byCoder = new Map<string, AnnotatorValidity>();
  for (const row of rows) {
    const coder = coderOf(row);
    const entry = byCoder.get(coder) ?? {
      annotator: coder,
      models: [],
      answers: 0,
      valid: 0,
      invalid: 0,
      unparsed: 0,
      invalidShare: 0,
    };
    if (!entry.models.includes(row.annotator_model)) entry.models.push(row.annotator_model);
    entry.answers += 1;
    if (isUsable(row)) entry.valid += 1;
    else if (row.annotation_valid === false) entry.invalid += 1;
    else entry.unparsed += 1;
    entry.invalidShare = (entry.invalid + entry.unparsed) / entry.answers;
    byCoder.set(coder, entry);
  }
  return [...byCoder.values()].sort((a, b) => a.annotator.localeCompare(b.annotator));
}
