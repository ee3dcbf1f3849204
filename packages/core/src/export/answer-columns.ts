import type { AnswerValue } from "../answers/answer-form.js";

/** What an annotation row says about the answer beyond its raw text, and where the comment was. */
export interface AnswerColumns {
  /** The comment's 1-based position in its discussion; `null` when the file does not record it. */
  message_order: number | null;
  /** The parsed answer; `null` when it was invalid or cannot be read. */
  annotation_value: AnswerValue | null;
  /** Whether the answer fit the annotator's answer form; `null` when unknown (no form, or an upstream file). */
  annotation_valid: boolean | null;
}

const PLAIN_NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;

/**
 * The answer columns of one annotated comment from the file's `annotation_details` entry for it (ours record
 * the position, and, for annotators with an answer form, the parsed value and its validity). Without them
 * (upstream files, annotators without a form) the raw answer is the value when it is a plain number, such as
 * the `"3"` that "Reply only with a number" asks for, and validity is unknown.
 */
export function answerColumns(detail: unknown, rawAnswer: string): AnswerColumns {
  const record = typeof detail === "object" && detail !== null ? (detail as Record<string, unknown>) : {};
  const index = record.index;
  const message_order = typeof index === "number" && Number.isInteger(index) && index >= 0 ? index + 1 : null;
  if (typeof record.valid === "boolean") {
    return {
      message_order,
      annotation_value: record.valid && isAnswerValue(record.value) ? record.value : null,
      annotation_valid: record.valid,
    };
  }
  return {
    message_order,
    annotation_value: PLAIN_NUMBER.test(rawAnswer) ? Number(rawAnswer) : null,
    annotation_valid: null,
  };
}

function isAnswerValue(value: unknown): value is AnswerValue {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" || (typeof value === "object" && value !== null && !Array.isArray(value));
}
