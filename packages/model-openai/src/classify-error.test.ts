import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { AttemptFailure } from "./attempt-failure.js";
import { classifyRequestError, statusFailure } from "./classify-error.js";

/** An error reply as OpenAI-compatible servers send it. */
function errorBody(message: string): string {
  return JSON.stringify({ error: { message, type: "invalid_request_error" } });
}

describe("statusFailure", () => {
  it("retries a rate limit and keeps the server's Retry-After", () => {
    const failure = statusFailure(429, { "retry-after": "1" }, errorBody("Slow down"));
    expect(failure).toMatchObject({ problem: "rate-limited", retriable: true, status: 429, retryAfterMs: 1000 });
    expect(failure.message).toBe("the server is rate-limiting requests (429): Slow down");
  });

  it.each([500, 502, 503, 504, 408, 409])("retries status %i", (status) => {
    expect(statusFailure(status, {}, errorBody("x"))).toMatchObject({
      problem: "http-status",
      retriable: true,
      status,
    });
  });

  it.each([400, 401, 403, 404, 422, 301])("does not retry status %i", (status) => {
    expect(statusFailure(status, {}, errorBody("x"))).toMatchObject({ retriable: false, status });
  });

  it("points at the key on 401 and at the model name and /v1 on 404", () => {
    expect(statusFailure(401, {}, errorBody("Invalid key")).message).toBe(
      "the server answered 401: Invalid key; check apiKey (or OPENAI_API_KEY)",
    );
    expect(statusFailure(404, {}, errorBody("no such model")).message).toContain("/v1 at the end");
  });

  it.each([400, 422])("on %i to a structured-output request, says how to turn structured outputs off", (status) => {
    const body = errorBody("Unknown field response_format");
    const failure = statusFailure(status, {}, body, { structuredOutput: true });
    expect(failure).toMatchObject({ problem: "http-status", retriable: false, status });
    expect(failure.message).toBe(
      `the server answered ${status}: Unknown field response_format; the request asked for structured output ` +
        "(response_format with the answer's JSON schema): if this server does not support it, set structuredOutputs: false",
    );
    expect(statusFailure(status, {}, body).message).toBe(
      `the server answered ${status}: Unknown field response_format`,
    );
  });

  it("quotes an error without a message as JSON, a body that is not JSON as text, and says when there is none", () => {
    expect(statusFailure(500, {}, JSON.stringify({ error: { code: 7 } })).message).toBe(
      'the server answered 500: {"code":7}',
    );
    expect(statusFailure(500, {}, JSON.stringify({ error: "out of memory" })).message).toBe(
      'the server answered 500: "out of memory"',
    );
    expect(statusFailure(502, {}, "<html>Bad Gateway</html>\n").message).toBe(
      "the server answered 502: <html>Bad Gateway</html>",
    );
    expect(statusFailure(503, {}, "").message).toBe("the server answered 503: no message");
  });

  it("reads retry-after-ms and a header sent twice", () => {
    expect(statusFailure(503, { "retry-after-ms": "250" }, "").retryAfterMs).toBe(250);
    // undici gives a header sent twice as a list, which Node's header type does not allow for Retry-After.
    const twice = { "retry-after": ["2", "9"] } as unknown as IncomingHttpHeaders;
    expect(statusFailure(503, twice, "").retryAfterMs).toBe(2000);
    expect(statusFailure(503, {}, "").retryAfterMs).toBeUndefined();
  });

  it("takes the key out of the server's message before shortening it, wherever the cut falls", () => {
    const key = "sk-Q7vX2mZ9pL4wR8tK1nB6cY3hJ5dF0gS";
    // The message is shortened to 300 characters; move the key across that limit one position at a time.
    for (let start = 300 - key.length - 2; start <= 302; start += 1) {
      const said = `${"x".repeat(start - "Bearer ".length)}Bearer ${key} was not accepted`;
      const failure = statusFailure(400, {}, errorBody(said), { apiKey: key });
      for (let piece = 0; piece + 4 <= key.length; piece += 1) {
        expect(failure.message, `key at ${start}`).not.toContain(key.slice(piece, piece + 4));
      }
    }
  });
});

describe("classifyRequestError", () => {
  it("reports a refused connection with its system error code", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const failure = classifyRequestError(refused);
    expect(failure).toMatchObject({ problem: "connection", retriable: true });
    expect(failure.message).toBe(
      "could not connect (ECONNREFUSED); check that the server runs and that baseUrl is right",
    );
  });

  it("prefers the deepest code in a chain of causes, as when undici wraps a reset", () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const wrapped = Object.assign(new Error("other side closed", { cause: reset }), { code: "UND_ERR_SOCKET" });
    expect(classifyRequestError(wrapped).message).toContain("could not connect (ECONNRESET)");
    const closed = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    expect(classifyRequestError(closed)).toMatchObject({ problem: "connection", retriable: true });
  });

  it("does not take a mistake in the request for a failing connection", () => {
    const mistake = Object.assign(new Error("invalid header"), { code: "UND_ERR_INVALID_ARG" });
    expect(classifyRequestError(mistake)).toMatchObject({ problem: "unexpected", retriable: false });
  });

  it("retries a body that is not valid JSON", () => {
    let parseError: unknown;
    try {
      JSON.parse('{"choices": [');
    } catch (error) {
      parseError = error;
    }
    expect(classifyRequestError(parseError)).toMatchObject({ problem: "invalid-json", retriable: true });
  });

  it("passes an AttemptFailure through and does not retry anything else", () => {
    const failure = new AttemptFailure("no-choices", "the reply has no choices", { retriable: false });
    expect(classifyRequestError(failure)).toBe(failure);
    expect(classifyRequestError(new Error("boom"))).toMatchObject({ problem: "unexpected", retriable: false });
  });
});
