import type { GenerateOptions } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { buildRequestBody } from "./request-body.js";

const resolved = {
  modelName: "llama",
  temperature: 0.7,
  maxTokensParam: "max_tokens" as const,
  extraBody: {},
  structuredOutputs: true,
  promptCacheKey: true,
};
const messages = [
  { role: "system" as const, content: "Be brief." },
  { role: "user" as const, content: "Hi" },
];
const options = (extra: Partial<GenerateOptions> = {}): GenerateOptions => ({ stop: [], maxOutTokens: 50, ...extra });

describe("buildRequestBody", () => {
  it("sends the model, the messages, the token limit and the temperature", () => {
    expect(buildRequestBody(messages, options(), resolved)).toEqual({
      model: "llama",
      messages,
      max_tokens: 50,
      temperature: 0.7,
    });
  });

  it("sends the first four non-empty stop strings", () => {
    const body = buildRequestBody(messages, options({ stop: ["\nUser", "", "a", "b", "c", "d"] }), resolved);
    expect(body.stop).toEqual(["\nUser", "a", "b", "c"]);
  });

  it("names the token limit max_completion_tokens when asked", () => {
    const body = buildRequestBody(messages, options(), { ...resolved, maxTokensParam: "max_completion_tokens" });
    expect(body).toMatchObject({ max_completion_tokens: 50 });
    expect(body).not.toHaveProperty("max_tokens");
  });

  it("passes extra fields through, and the prompt's seed wins over extraBody's", () => {
    const withExtra = { ...resolved, extraBody: { top_k: 40, seed: 1 } };
    expect(buildRequestBody(messages, options(), withExtra)).toMatchObject({ top_k: 40, seed: 1 });
    expect(buildRequestBody(messages, options({ seed: 7 }), withExtra)).toMatchObject({ top_k: 40, seed: 7 });
  });

  it("sends a prompt's response schema as a strict json_schema response_format", () => {
    const schema = { type: "object", properties: { answer: { type: "integer", enum: [1, 2, 3] } } };
    expect(buildRequestBody(messages, options({ responseSchema: schema }), resolved).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "answer", schema, strict: true },
    });
    expect(buildRequestBody(messages, options(), resolved)).not.toHaveProperty("response_format");
  });

  it("sends no response_format when structuredOutputs is off, and the prompt's wins over extraBody's", () => {
    const schema = { type: "object", properties: {} };
    const off = { ...resolved, structuredOutputs: false };
    expect(buildRequestBody(messages, options({ responseSchema: schema }), off)).not.toHaveProperty("response_format");
    const jsonMode = { ...resolved, extraBody: { response_format: { type: "json_object" } } };
    expect(buildRequestBody(messages, options(), jsonMode).response_format).toEqual({ type: "json_object" });
    expect(buildRequestBody(messages, options({ responseSchema: schema }), jsonMode).response_format).toMatchObject({
      type: "json_schema",
    });
  });

  it("sends the prompt's session key as prompt_cache_key, unless promptCacheKey is off", () => {
    const keyed = options({ sessionKey: "discussion-7/Emma35" });
    expect(buildRequestBody(messages, keyed, resolved).prompt_cache_key).toBe("discussion-7/Emma35");
    expect(buildRequestBody(messages, keyed, { ...resolved, promptCacheKey: false })).not.toHaveProperty(
      "prompt_cache_key",
    );
    expect(buildRequestBody(messages, options(), resolved)).not.toHaveProperty("prompt_cache_key");
  });

  it("sends only role and content of each message", () => {
    const extended = [{ role: "user" as const, content: "Hi", name: "Emma35" }];
    expect(buildRequestBody(extended, options(), resolved).messages).toEqual([{ role: "user", content: "Hi" }]);
  });
});
