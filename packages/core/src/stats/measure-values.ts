import type { AnswerValue } from "../answers/answer-form.js";
import type { StatValue } from "./summarise-values.js";

/** The name of the measure that scale and label answers (and upstream numeric answers) feed. */
export const WHOLE_ANSWER_MEASURE = "annotation";

/** One value an annotation gives to one measure. */
export interface MeasureValue {
  /** `annotation` for a scale or label answer; `annotation.<field>` for a field of a JSON answer. */
  measure: string;
  value: StatValue;
}

/**
 * What an annotation's parsed value says, measure by measure: a number or label is one value of the measure
 * `annotation`; a JSON answer gives one value per field (`annotation.toxicity`, `annotation.target`), booleans
 * as the labels `true` and `false`. Fields that hold neither numbers, strings nor booleans are left out.
 */
export function measureValues(value: AnswerValue | null): MeasureValue[] {
  if (value === null) return [];
  if (typeof value === "number" || typeof value === "string") return [{ measure: WHOLE_ANSWER_MEASURE, value }];
  const values: MeasureValue[] = [];
  for (const [field, fieldValue] of Object.entries(value)) {
    const measure = `${WHOLE_ANSWER_MEASURE}.${field}`;
    if (typeof fieldValue === "number" && Number.isFinite(fieldValue)) values.push({ measure, value: fieldValue });
    else if (typeof fieldValue === "string") values.push({ measure, value: fieldValue });
    else if (typeof fieldValue === "boolean") values.push({ measure, value: String(fieldValue) });
  }
  return values;
}
