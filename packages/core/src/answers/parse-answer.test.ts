import { describe, expect, it } from "vitest";
import { answerFormSchema, answerJsonSchema, describeAnswerForm } from "./answer-form.js";
import { parseAnswer } from "./parse-answer.js";

const scale = { type: "scale", min: 1, max: 5 } as const;
const labels = { type: "label", labels: ["toxic", "not toxic"] } as const;
const json = { type: "json", fields: { toxicity: "integer", target: ["person", "group", "none"] } } as const;

describe("parseAnswer", () => {
  it("reads a scale answer however it is written, and checks its range", () => {
    for (const reply of ["4", " 4.", "Rating: 4", '{"answer": 4}', "I'd say 4 out of 5"]) {
      expect(parseAnswer(scale, reply)).toEqual({ valid: true, value: 4 });
    }
    expect(parseAnswer(scale, "9")).toEqual({ valid: false, error: "9 is outside the scale 1–5" });
    expect(parseAnswer(scale, "3.5")).toEqual({ valid: false, error: "3.5 is not a whole number" });
    expect(parseAnswer(scale, "very toxic")).toEqual({ valid: false, error: "no number in the answer" });
    expect(parseAnswer(scale, "  ")).toEqual({ valid: false, error: "the answer is empty" });
  });

  it("reads a label, preferring the longest of overlapping labels", () => {
    expect(parseAnswer(labels, "Toxic.")).toEqual({ valid: true, value: "toxic" });
    expect(parseAnswer(labels, '{"answer": "not toxic"}')).toEqual({ valid: true, value: "not toxic" });
    expect(parseAnswer(labels, "This comment is not toxic at all")).toEqual({ valid: true, value: "not toxic" });
    expect(parseAnswer(labels, "maybe")).toEqual({ valid: false, error: "no known label in the answer" });
  });

  it("reads a JSON object with typed fields", () => {
    expect(parseAnswer(json, 'Here: {"toxicity": 2, "target": "group"} done')).toEqual({
      valid: true,
      value: { toxicity: 2, target: "group" },
    });
    expect(parseAnswer(json, '{"toxicity": 2}')).toEqual({ valid: false, error: 'the field "target" is missing' });
    expect(parseAnswer(json, '{"toxicity": "high", "target": "group"}')).toEqual({
      valid: false,
      error: 'the field "toxicity" is not an integer',
    });
    expect(parseAnswer(json, '{"toxicity": 1, "target": "city"}')).toMatchObject({ valid: false });
    expect(parseAnswer(json, "no json here")).toEqual({ valid: false, error: "no JSON object in the answer" });
  });
});

describe("answer forms", () => {
  it("give JSON schemas that structured-output backends accept", () => {
    expect(answerJsonSchema(scale)).toEqual({
      type: "object",
      properties: { answer: { type: "integer", enum: [1, 2, 3, 4, 5] } },
      required: ["answer"],
      additionalProperties: false,
    });
    expect(answerJsonSchema(json)).toMatchObject({
      properties: { toxicity: { type: "integer" }, target: { type: "string", enum: ["person", "group", "none"] } },
      required: ["toxicity", "target"],
    });
  });

  it("describe themselves for models that are not constrained", () => {
    expect(describeAnswerForm(labels)).toBe("Answer with exactly one of: toxic, not toxic.");
  });

  it("are validated when given as data", () => {
    expect(answerFormSchema.safeParse({ type: "scale", min: 5, max: 1 }).success).toBe(false);
    expect(answerFormSchema.safeParse({ type: "label", labels: ["only"] }).success).toBe(false);
    expect(answerFormSchema.safeParse({ type: "json", fields: { a: "date" } }).success).toBe(false);
    expect(answerFormSchema.safeParse(json).success).toBe(true);
  });
});
