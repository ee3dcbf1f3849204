import { answerJsonSchema } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { keywordsTheGrammarIgnores } from "./grammar-keywords.js";

describe("keywordsTheGrammarIgnores", () => {
  it("finds nothing in the schemas of scale, label and json answer forms", () => {
    expect(keywordsTheGrammarIgnores(answerJsonSchema({ type: "scale", min: 1, max: 5 }))).toEqual([]);
    expect(keywordsTheGrammarIgnores(answerJsonSchema({ type: "label", labels: ["a", "b"] }))).toEqual([]);
    const json = answerJsonSchema({ type: "json", fields: { n: "number", b: "boolean", s: "string", l: ["x"] } });
    expect(keywordsTheGrammarIgnores(json)).toEqual([]);
  });

  it("names the bounds of a scale too wide to list its points", () => {
    expect(keywordsTheGrammarIgnores(answerJsonSchema({ type: "scale", min: 0, max: 1000 }))).toEqual([
      "minimum",
      "maximum",
    ]);
  });

  it("looks into nested schemas, names each keyword once, and ignores descriptions", () => {
    const schema = {
      type: "object",
      description: "an answer",
      properties: {
        a: { type: "string", pattern: "^x" },
        b: { type: "array", items: { type: "number", minimum: 0 }, prefixItems: [{ type: "string", pattern: "y" }] },
        c: { oneOf: [{ anyOf: [] }] },
      },
      $defs: { d: { type: "integer", multipleOf: 2, title: "d" } },
    };
    expect(keywordsTheGrammarIgnores(schema)).toEqual(["pattern", "minimum", "anyOf", "multipleOf"]);
  });
});
