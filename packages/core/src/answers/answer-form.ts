import { z } from "zod";

/** The type of one field of a JSON answer: a JSON type, or a list of allowed strings. */
export type JsonFieldType = "string" | "number" | "integer" | "boolean" | readonly string[];

/**
 * The form an annotator's answer must take. Backends that can constrain generation (llama.cpp grammars,
 * OpenAI structured outputs) are held to it; every answer is parsed and checked against it.
 *
 * - `scale`: a whole number from `min` to `max`, e.g. a toxicity rating from 1 to 5.
 * - `label`: one label from a list, e.g. `["toxic", "not toxic"]`.
 * - `json`: an object with typed fields, e.g. `{ toxicity: "integer", target: ["person", "group", "none"] }`.
 */
export type AnswerForm =
  | { type: "scale"; min: number; max: number }
  | { type: "label"; labels: readonly string[] }
  | { type: "json"; fields: Readonly<Record<string, JsonFieldType>> };

/** A parsed answer: a number (scale), a string (label) or an object (json). */
export type AnswerValue = number | string | Record<string, unknown>;

const jsonFieldTypeSchema = z.union([
  z.enum(["string", "number", "integer", "boolean"]),
  z.array(z.string().min(1)).min(1),
]);

/** Validates an answer form given as data (for example in a config file). */
export const answerFormSchema: z.ZodType<AnswerForm> = z.discriminatedUnion("type", [
  z
    .strictObject({ type: z.literal("scale"), min: z.number().int(), max: z.number().int() })
    .refine((form) => form.min < form.max, { message: "min must be smaller than max", path: ["max"] }),
  z.strictObject({ type: z.literal("label"), labels: z.array(z.string().min(1)).min(2) }),
  z.strictObject({
    type: z.literal("json"),
    fields: z.record(z.string(), jsonFieldTypeSchema).refine((fields) => Object.keys(fields).length > 0, {
      message: "a json answer needs at least one field",
    }),
  }),
]);

// Scales up to this many points are constrained as a list of allowed numbers.
const LARGEST_ENUMERATED_SCALE = 101;

/**
 * The JSON schema of an answer, for backends that constrain generation. Scale and label answers are wrapped as
 * `{"answer": …}`, because structured-output APIs want an object at the top.
 */
export function answerJsonSchema(form: AnswerForm): Record<string, unknown> {
  const object = (properties: Record<string, unknown>) => ({
    type: "object",
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  });
  switch (form.type) {
    case "scale": {
      const points = form.max - form.min + 1;
      const answer =
        points <= LARGEST_ENUMERATED_SCALE
          ? { type: "integer", enum: Array.from({ length: points }, (_, i) => form.min + i) }
          : { type: "integer", minimum: form.min, maximum: form.max };
      return object({ answer });
    }
    case "label":
      return object({ answer: { type: "string", enum: [...form.labels] } });
    case "json":
      return object(
        Object.fromEntries(
          Object.entries(form.fields).map(([name, type]) => [
            name,
            typeof type === "string" ? { type } : { type: "string", enum: [...type] },
          ]),
        ),
      );
  }
}

/** A short instruction that tells the model the answer's form, for backends that cannot enforce it. */
export function describeAnswerForm(form: AnswerForm): string {
  switch (form.type) {
    case "scale":
      return `Answer with a single whole number from ${form.min} to ${form.max}.`;
    case "label":
      return `Answer with exactly one of: ${form.labels.join(", ")}.`;
    case "json":
      return `Answer with a JSON object with the fields ${Object.entries(form.fields)
        .map(([name, type]) => `"${name}" (${typeof type === "string" ? type : `one of ${type.join(", ")}`})`)
        .join(", ")}.`;
  }
}
