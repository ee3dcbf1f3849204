import { answerJsonSchema } from "@syndisco/core";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { getLlama, type Llama, LlamaLogLevel, type LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerConstraints } from "./answer-constraints.js";

describe.skipIf(!haveTestModels())("AnswerConstraints", () => {
  let llama: Llama;
  let model: LlamaModel;
  const warnings: string[] = [];
  let constraints: AnswerConstraints;
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
    model = await llama.loadModel({ modelPath: modelPath("stories260K.gguf") });
    constraints = new AnswerConstraints({
      llama,
      countTokens: (text) => model.tokenize(text, false).length,
      warn: (message) => warnings.push(message),
    });
  });
  afterAll(() => llama.dispose());

  it("makes one constraint per schema text and hands it to every call with that schema", async () => {
    const label = answerJsonSchema({ type: "label", labels: ["toxic", "not toxic"] });
    const first = await constraints.for(label);
    expect(await constraints.for(answerJsonSchema({ type: "label", labels: ["toxic", "not toxic"] }))).toBe(first);
    expect(await constraints.for(answerJsonSchema({ type: "label", labels: ["toxic", "fine"] }))).not.toBe(first);
    expect(first.answerToFit).toBe('{"answer":"not toxic"}');
    expect(first.answerTokens).toBe(model.tokenize(first.answerToFit, false).length);
  });

  it("gives integer and number fields a grammar without exponents", async () => {
    const schema = answerJsonSchema({ type: "json", fields: { toxicity: "integer", confidence: "number" } });
    const { grammar } = await constraints.for(schema);
    expect(grammar.grammar).toContain("integer-number-rule ::=");
    expect(grammar.grammar).toContain("fractional-number-rule ::=");
    expect(grammar.grammar).not.toMatch(/\[eE\]/);
    // The grammar still ends an answer as node-llama-cpp's JSON grammars do.
    expect(grammar.trimWhitespaceSuffix).toBe(true);
    expect(grammar.stopGenerationTriggers).toHaveLength(1);
  });

  it("warns about unenforceable keywords once per schema", async () => {
    warnings.length = 0;
    const wide = answerJsonSchema({ type: "scale", min: 0, max: 500 });
    await constraints.for(wide);
    await constraints.for(wide);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the llama\.cpp grammar cannot enforce minimum, maximum /);
  });
});
