import type { AnswerForm, AnswerValue, JsonFieldType } from "./answer-form.js";

/** The outcome of checking one answer against its form. */
export type ParsedAnswer = { valid: true; value: AnswerValue } | { valid: false; error: string };

/**
 * Reads an answer in the given form out of a model's reply. It is lenient in what it reads (`4`, `"4"`,
 * `Rating: 4`, `{"answer": 4}`) and strict in what it accepts (the value must fit the form).
 */
export function parseAnswer(form: AnswerForm, reply: string): ParsedAnswer {
  const text = reply.trim();
  if (!text) return { valid: false, error: "the answer is empty" };
  switch (form.type) {
    case "scale":
      return parseScale(form, text);
    case "label":
      return parseLabel(form.labels, text);
    case "json":
      return parseJsonAnswer(form.fields, text);
  }
}

function parseScale(form: { min: number; max: number }, text: string): ParsedAnswer {
  const wrapped = findJsonObject(text)?.answer;
  const candidate = wrapped ?? /-?\d+(?:\.\d+)?/.exec(text)?.[0];
  const value = typeof candidate === "number" ? candidate : Number(candidate);
  if (candidate === undefined || Number.isNaN(value)) return { valid: false, error: "no number in the answer" };
  if (!Number.isInteger(value)) return { valid: false, error: `${value} is not a whole number` };
  if (value < form.min || value > form.max) {
    return { valid: false, error: `${value} is outside the scale ${form.min}–${form.max}` };
  }
  return { valid: true, value };
}

function parseLabel(labels: readonly string[], text: string): ParsedAnswer {
  const wrapped = findJsonObject(text)?.answer;
  const answer = normalise(typeof wrapped === "string" ? wrapped : text);
  const exact = labels.find((label) => normalise(label) === answer);
  if (exact !== undefined) return { valid: true, value: exact };
  const mentioned = labels.filter((label) => new RegExp(`\\b${escapeRegExp(normalise(label))}\\b`).test(answer));
  // "not toxic" mentions "toxic" too: the longest label that is mentioned wins when it contains the others.
  const longest = mentioned.sort((a, b) => b.length - a.length)[0];
  if (longest !== undefined && mentioned.every((label) => normalise(longest).includes(normalise(label)))) {
    return { valid: true, value: longest };
  }
  return {
    valid: false,
    error:
      mentioned.length > 1
        ? `the answer names several labels (${mentioned.join(", ")})`
        : "no known label in the answer",
  };
}

function parseJsonAnswer(fields: Readonly<Record<string, JsonFieldType>>, text: string): ParsedAnswer {
  const object = findJsonObject(text);
  if (!object) return { valid: false, error: "no JSON object in the answer" };
  const value: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(fields)) {
    const field = object[name];
    if (field === undefined) return { valid: false, error: `the field "${name}" is missing` };
    if (!fitsType(field, type)) return { valid: false, error: `the field "${name}" is not ${describeType(type)}` };
    value[name] = field;
  }
  return { valid: true, value };
}

function fitsType(value: unknown, type: JsonFieldType): boolean {
  if (typeof type !== "string") return typeof value === "string" && type.includes(value);
  if (type === "integer") return Number.isInteger(value);
  return typeof value === type && !(type === "number" && Number.isNaN(value));
}

function describeType(type: JsonFieldType): string {
  return typeof type === "string" ? `${type === "integer" ? "an" : "a"} ${type}` : `one of ${type.join(", ")}`;
}

/** The first `{…}` in the text that parses as a JSON object, if any. */
function findJsonObject(text: string): Record<string, unknown> | undefined {
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    for (let end = text.lastIndexOf("}"); end > start; end = text.lastIndexOf("}", end - 1)) {
      try {
        const parsed: unknown = JSON.parse(text.slice(start, end + 1));
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
          return parsed as Record<string, unknown>;
        }
      } catch {
        // Not this span; try a shorter one.
      }
    }
  }
  return undefined;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s"'“”.:*-]+|[\s"'“”.!:*-]+$/g, "")
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
