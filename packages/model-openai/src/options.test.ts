import { InputError } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { OPENAI_BASE_URL, PLACEHOLDER_API_KEY, resolveOpenAIOptions } from "./options.js";

const local = { modelName: "stories", baseUrl: "http://127.0.0.1:8080/v1/", maxOutTokens: 10 };

function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("no InputError was thrown");
}

describe("resolveOpenAIOptions", () => {
  it("applies the documented defaults", () => {
    expect(resolveOpenAIOptions(local, {})).toEqual({
      modelName: "stories",
      apiKey: PLACEHOLDER_API_KEY,
      apiKeyIsSecret: false,
      baseUrls: ["http://127.0.0.1:8080/v1"],
      temperature: 0,
      maxConcurrency: 8,
      timeoutMs: 300_000,
      maxRetries: 3,
      retryDelayMs: 500,
      maxTokensParam: "max_tokens",
      extraBody: {},
      structuredOutputs: true,
      promptCacheKey: true,
      headers: {},
    });
  });

  it("sends OpenAI's organization and project headers when the environment names them", () => {
    const env = { OPENAI_ORG_ID: "org-1", OPENAI_PROJECT_ID: " proj_2 " };
    expect(resolveOpenAIOptions(local, env).headers).toEqual({
      "openai-organization": "org-1",
      "openai-project": "proj_2",
    });
    expect(resolveOpenAIOptions(local, { OPENAI_ORG_ID: "" }).headers).toEqual({});
  });

  it("takes structuredOutputs as a boolean only", () => {
    expect(resolveOpenAIOptions({ ...local, structuredOutputs: false }, {}).structuredOutputs).toBe(false);
    const error = inputErrorOf(() =>
      resolveOpenAIOptions({ ...local, structuredOutputs: "no" as unknown as boolean }, {}),
    );
    expect(error.message).toBe('structuredOutputs: must be true or false, not "no"');
  });

  it("takes the key and the base URL from the environment when the options do not give them", () => {
    const resolved = resolveOpenAIOptions(
      { modelName: "gpt-4o-mini", maxOutTokens: 10 },
      { OPENAI_API_KEY: "sk-env", OPENAI_BASE_URL: "https://proxy.example/v1" },
    );
    expect(resolved).toMatchObject({ apiKey: "sk-env", apiKeyIsSecret: true, baseUrls: ["https://proxy.example/v1"] });
    expect(resolveOpenAIOptions({ ...local, apiKey: "sk-option" }, { OPENAI_API_KEY: "sk-env" }).apiKey).toBe(
      "sk-option",
    );
  });

  it("asks for a key when OpenAI itself is the server", () => {
    const error = inputErrorOf(() => resolveOpenAIOptions({ modelName: "gpt-4o-mini", maxOutTokens: 10 }, {}));
    expect(error.field).toBe("apiKey");
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(
      resolveOpenAIOptions({ modelName: "gpt-4o-mini", maxOutTokens: 10 }, { OPENAI_API_KEY: "sk-1" }).baseUrls,
    ).toEqual([OPENAI_BASE_URL]);
  });

  it("accepts a list of servers", () => {
    const resolved = resolveOpenAIOptions({ ...local, baseUrl: ["http://gpu1:8000/v1", "http://gpu2:8000/v1"] }, {});
    expect(resolved.baseUrls).toEqual(["http://gpu1:8000/v1", "http://gpu2:8000/v1"]);
  });

  it.each([
    [{ baseUrl: "localhost:8000" }, "baseUrl", "not an http or https URL"],
    [{ baseUrl: "not a url" }, "baseUrl", "is not a URL"],
    [{ baseUrl: [] }, "baseUrl", "empty list"],
    [{ baseUrl: ["http://a/v1", "ftp://b"] }, "baseUrl[1]", "not an http or https URL"],
    [{ baseUrl: ["http://a/v1", "http://a/v1/"] }, "baseUrl", "twice"],
    [{ modelName: " " }, "modelName", "must name the model"],
    [{ apiKey: "" }, "apiKey", "empty"],
    [{ temperature: -1 }, "temperature", "at least 0"],
    [{ maxConcurrency: 0 }, "maxConcurrency", "at least 1"],
    [{ maxConcurrency: 1.5 }, "maxConcurrency", "whole number"],
    [{ timeoutMs: 0 }, "timeoutMs", "at least 1"],
    [{ maxRetries: -1 }, "maxRetries", "at least 0"],
    [{ retryDelayMs: Number.NaN }, "retryDelayMs", "NaN"],
    [{ maxTokensParam: "tokens" }, "maxTokensParam", "max_completion_tokens"],
    [{ extraBody: [1] }, "extraBody", "object"],
    [{ extraBody: { temperature: 1 } }, "extraBody.temperature", "temperature option"],
    [{ extraBody: { stream: true } }, "extraBody.stream", "whole replies"],
  ])("rejects %j, naming %s", (override, field, words) => {
    const error = inputErrorOf(() => resolveOpenAIOptions({ ...local, ...override } as typeof local, {}));
    expect(error.field).toBe(field);
    expect(error.message).toContain(words);
  });

  it("refuses credentials in a URL without showing them", () => {
    const error = inputErrorOf(() =>
      resolveOpenAIOptions({ ...local, baseUrl: "http://admin:hunter2@gpu1:8000/v1" }, {}),
    );
    expect(error.field).toBe("baseUrl");
    expect(error.message).toContain('"http://***@gpu1:8000/v1" must not hold a user name or password');
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("admin");
  });

  it.each([
    ["http://me:SECRET@host:99999/v1", '"http://***@host:99999/v1" is not a URL'],
    ["ftp://me:SECRET@host/v1", "must not hold a user name or password"],
    ["http://me:SEC@RET@host/v1", "must not hold a user name or password"],
  ])("never shows the credentials of %s, even when the URL is refused for another reason", (baseUrl, words) => {
    const error = inputErrorOf(() => resolveOpenAIOptions({ ...local, baseUrl: ["http://a/v1", baseUrl] }, {}));
    expect(error.field).toBe("baseUrl[1]");
    expect(error.message).toContain(words);
    for (const secret of ["me", "SEC", "RET"]) expect(error.message).not.toMatch(new RegExp(`\\b${secret}\\b`));
  });

  it("lets extraBody hold fields that merely look like object methods", () => {
    expect(resolveOpenAIOptions({ ...local, extraBody: { constructor: 1 } }, {}).extraBody).toEqual({ constructor: 1 });
  });
});
