import { answerJsonSchema } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { answerToFit } from "./answer-size.js";

describe("answerToFit", () => {
  it("takes the longest choice of a scale or a label form", () => {
    expect(answerToFit(answerJsonSchema({ type: "scale", min: -1, max: 10 }))).toBe('{"answer":-1}');
    expect(answerToFit(answerJsonSchema({ type: "label", labels: ["toxic", "not toxic", "ok"] }))).toBe(
      '{"answer":"not toxic"}',
    );
  });

  it("writes a json form's fields at their shortest where they are free, in the schema's order", () => {
    const schema = answerJsonSchema({
      type: "json",
      fields: { reason: "string", toxicity: "integer", score: "number", insult: "boolean", target: ["a", "group"] },
    });
    expect(answerToFit(schema)).toBe('{"reason":"","toxicity":0,"score":0,"insult":false,"target":"group"}');
  });

  it("honours const, oneOf, minLength, minItems and a list of types", () => {
    const schema = {
      type: "object",
      properties: {
        fixed: { const: "yes" },
        either: { oneOf: [{ type: "boolean" }, { enum: ["maybe"] }] },
        code: { type: "string", minLength: 3 },
        tags: { type: "array", items: { type: "integer" }, minItems: 2 },
        loose: { type: ["number", "null"] },
        unknown: {},
      },
    };
    expect(answerToFit(schema)).toBe(
      '{"fixed":"yes","either":"maybe","code":"aaa","tags":[0,0],"loose":0,"unknown":null}',
    );
  });
});
