import * as sdk from "openai";
import { describe, expect, it } from "vitest";
import { AttemptFailure } from "./attempt-failure.js";
import { classifyRequestError } from "./classify-error.js";

/** An error as the SDK makes it from an HTTP error response. */
function statusError(status: number, body: object, headers: Record<string, string> = {}) {
  return sdk.APIError.generate(status, body, undefined, new Headers(headers));
}

const classify = (error: unknown) => classifyRequestError(error, sdk, 1000);

describe("classifyRequestError", () => {
  it("retries a rate limit and keeps the server's Retry-After", () => {
    const failure = classify(statusError(429, { error: { message: "Slow down" } }, { "retry-after": "1" }));
    expect(failure).toMatchObject({ problem: "rate-limited", retriable: true, status: 429, retryAfterMs: 1000 });
    expect(failure.message).toBe("the server is rate-limiting requests (429): Slow down");
  });

  it.each([500, 502, 503, 504, 408, 409])("retries status %i", (status) => {
    expect(classify(statusError(status, { error: { message: "x" } }))).toMatchObject({
      problem: "http-status",
      retriable: true,
      status,
    });
  });

  it.each([400, 401, 403, 404, 422])("does not retry status %i", (status) => {
    expect(classify(statusError(status, { error: { message: "x" } }))).toMatchObject({ retriable: false, status });
  });

  it("points at the key on 401 and at the model name and /v1 on 404", () => {
    expect(classify(statusError(401, { error: { message: "Invalid key" } })).message).toBe(
      "the server answered 401: Invalid key; check apiKey (or OPENAI_API_KEY)",
    );
    expect(classify(statusError(404, { error: { message: "no such model" } })).message).toContain("/v1 at the end");
  });

  it.each([400, 422])("on %i to a structured-output request, says how to turn structured outputs off", (status) => {
    const error = statusError(status, { error: { message: "Unknown field response_format" } });
    const failure = classifyRequestError(error, sdk, 1000, { structuredOutput: true });
    expect(failure).toMatchObject({ problem: "http-status", retriable: false, status });
    expect(failure.message).toBe(
      `the server answered ${status}: Unknown field response_format; the request asked for structured output ` +
        "(response_format with the answer's JSON schema): if this server does not support it, set structuredOutputs: false",
    );
    expect(classify(error).message).toBe(`the server answered ${status}: Unknown field response_format`);
  });

  it("takes the key out of the server's message before shortening it, wherever the cut falls", () => {
    const key = "sk-Q7vX2mZ9pL4wR8tK1nB6cY3hJ5dF0gS";
    // The message is shortened to 300 characters; move the key across that limit one position at a time.
    for (let start = 300 - key.length - 2; start <= 302; start += 1) {
      const said = `${"x".repeat(start - "Bearer ".length)}Bearer ${key} was not accepted`;
      const failure = classifyRequestError(statusError(400, { error: { message: said } }), sdk, 1000, { apiKey: key });
      for (let piece = 0; piece + 4 <= key.length; piece += 1) {
        expect(failure.message, `key at ${start}`).not.toContain(key.slice(piece, piece + 4));
      }
    }
  });

  it("reports a refused connection with its system error code", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const error = new sdk.APIConnectionError({ cause: new TypeError("fetch failed", { cause: refused }) });
    const failure = classify(error);
    expect(failure).toMatchObject({ problem: "connection", retriable: true });
    expect(failure.message).toContain("could not connect (ECONNREFUSED)");
  });

  it("falls back to the deepest cause's message when there is no error code", () => {
    const error = new sdk.APIConnectionError({
      cause: new TypeError("fetch failed", { cause: new Error("bad port") }),
    });
    expect(classify(error).message).toContain("could not connect (bad port)");
  });

  it("reports the SDK's own timeout as a timeout", () => {
    expect(classify(new sdk.APIConnectionTimeoutError())).toMatchObject({ problem: "timeout", retriable: true });
    expect(classify(new sdk.APIConnectionTimeoutError()).message).toContain("no reply within 1000 ms");
  });

  it("retries a body that is not valid JSON", () => {
    let parseError: unknown;
    try {
      JSON.parse('{"choices": [');
    } catch (error) {
      parseError = error;
    }
    expect(classify(parseError)).toMatchObject({ problem: "invalid-json", retriable: true });
  });

  it("passes an AttemptFailure through and does not retry anything else", () => {
    const failure = new AttemptFailure("no-choices", "the reply has no choices", { retriable: false });
    expect(classify(failure)).toBe(failure);
    expect(classify(new Error("boom"))).toMatchObject({ problem: "unexpected", retriable: false });
  });
});
