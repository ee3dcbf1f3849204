import type { AnswerValue } from "../answers/answer-form.js";
import type { AnnotatorAnswer } from "./ask-annotator.js";

/** What we record about each annotation besides SynDisco's `[comment, annotation]` pair. */
export interface AnnotationDetail {
  name: string;
  index: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  latency_ms: number;
  value?: AnswerValue | null;
  valid?: boolean;
  error?: string;
  attempts?: string[];
  /** The model's reply when `logs` holds the bare answer instead (`{ "answer": 4 }` for `"4"`). */
  raw_text?: string;
}

/**
 * The annotation as SynDisco stores it in `logs`: a valid scale or label answer as its bare value (`"4"`, not
 * the constrained reply `{ "answer": 4 }`), so that readers doing `int(annotation)` work; anything else as the
 * model wrote it. The raw reply is kept in the details when it differs.
 */
export function storedAnswer(answer: AnnotatorAnswer): string {
  const { value } = answer;
  return answer.valid && (typeof value === "number" || typeof value === "string") ? String(value) : answer.text;
}

/**
 * The details of one annotated comment. How many prompt tokens the backend evaluated is left out: it depends
 * on what its cache held (how many comments ran at once, what ran before), not on the annotation, and the
 * file of a run with comments annotated at once must hold what a one-at-a-time run writes.
 */
export function describeAnswer(name: string, index: number, answer: AnnotatorAnswer, stored: string): AnnotationDetail {
  const detail: AnnotationDetail = { name, index, latency_ms: Math.round(answer.latencyMs) };
  if (stored !== answer.text) detail.raw_text = answer.text;
  if (answer.promptTokens !== undefined) detail.prompt_tokens = answer.promptTokens;
  if (answer.completionTokens !== undefined) detail.completion_tokens = answer.completionTokens;
  if (answer.valid !== undefined) {
    detail.value = answer.value;
    detail.valid = answer.valid;
  }
  if (answer.error !== undefined) detail.error = answer.error;
  if (answer.attempts.length > 1) detail.attempts = answer.attempts;
  return detail;
}
