import type { GenerateOptions } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { buildRequestBody } from "./request-body.js";

const resolved = { modelName: "llama", temperature: 0.7, maxTokensParam: "max_tokens" as const, extraBody: {} };
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

  it("sends only role and content of each message", () => {
    const extended = [{ role: "user" as const, content: "Hi", name: "Emma35" }];
    expect(buildRequestBody(extended, options(), resolved).messages).toEqual([{ role: "user", content: "Hi" }]);
  });
});
