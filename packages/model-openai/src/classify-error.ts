import type { IncomingHttpHeaders } from "node:http";
import { AttemptFailure } from "./attempt-failure.js";
import { quoteServerText } from "./redact.js";
import { retryAfterMs } from "./retry-after.js";

/** The longest part of a server's error message that is shown. */
const MAX_QUOTED_MESSAGE = 300;

/** undici's codes for mistakes in how a request was made, not for a failing connection. */
const REQUEST_MISTAKE_CODES = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "UND_ERR_INVALID_RETURN_VALUE"]);

/** HTTP statuses worth retrying: request timeout, lock conflict, rate limit, and every server error. */
function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** What the failed request asked for, where it helps to explain the failure. */
export interface FailedRequest {
  /** The request carried a JSON-schema `response_format`, which some servers refuse. */
  structuredOutput?: boolean;
  /** The API key the request carried, when it is a secret: taken out of the server's words before they are shortened. */
  apiKey?: string | undefined;
}

/**
 * Turns whatever sending a request threw into an {@link AttemptFailure} that says whether to retry: an
 * AttemptFailure as it is, an error of the connection (a system error code such as ECONNREFUSED, or one of
 * undici's) as a retriable `connection` failure, a JSON syntax error as `invalid-json`, anything else as
 * `unexpected`, not retried.
 */
export function classifyRequestError(error: unknown): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  if (error instanceof SyntaxError) {
    return new AttemptFailure("invalid-json", `the reply is not valid JSON (${error.message})`, { retriable: true });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code && !REQUEST_MISTAKE_CODES.has(code)) {
    const cause = connectionCause(error);
    return new AttemptFailure(
      "connection",
      `could not connect${cause ? ` (${cause})` : ""}; check that the server runs and that baseUrl is right`,
      { retriable: true },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AttemptFailure("unexpected", `the request failed: ${message}`, { retriable: false });
}

/** The failure of a request that got no whole reply within `timeoutMs`. */
export function timeoutFailure(timeoutMs: number): AttemptFailure {
  return new AttemptFailure(
    "timeout",
    `no reply within ${timeoutMs} ms (timeoutMs); raise timeoutMs or lower maxOutTokens if the server is just slow`,
    { retriable: true },
  );
}

/**
 * The failure of a request the server answered with an error status. Its words are the `error.message` of
 * a JSON body as OpenAI-compatible servers send it, else the JSON of its `error`, else the body's text. A
 * server may echo the request's headers in them, so the key comes out before they are shortened: a cut
 * inside the key would hide it from redaction.
 */
export function statusFailure(
  status: number,
  headers: IncomingHttpHeaders,
  bodyText: string,
  request: FailedRequest = {},
): AttemptFailure {
  const said = quoteServerText(serverMessage(bodyText) || "no message", MAX_QUOTED_MESSAGE, request.apiKey);
  const options = { retriable: isRetriableStatus(status), status, retryAfterMs: retryAfterMs(headerReader(headers)) };
  if (status === 429) {
    return new AttemptFailure("rate-limited", `the server is rate-limiting requests (429): ${said}`, options);
  }
  const hint =
    status === 401 || status === 403
      ? "; check apiKey (or OPENAI_API_KEY)"
      : status === 404
        ? "; check modelName, and that baseUrl is the API's base URL (most servers need /v1 at the end)"
        : (status === 400 || status === 422) && request.structuredOutput
          ? "; the request asked for structured output (response_format with the answer's JSON schema): " +
            "if this server does not support it, set structuredOutputs: false"
          : "";
  return new AttemptFailure("http-status", `the server answered ${status}: ${said}${hint}`, options);
}

/** What an error reply says, from `{"error": {"message": …}}`, `{"error": …}`, or its plain text. */
function serverMessage(bodyText: string): string {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return bodyText.trim();
  }
  const error = (body as { error?: unknown } | null)?.error;
  if (error === undefined || error === null) return bodyText.trim();
  const message = (error as { message?: unknown }).message;
  if (typeof message === "string" && message) return message.trim();
  return JSON.stringify(message ? message : error);
}

function headerReader(headers: IncomingHttpHeaders): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

/**
 * Why a connection failed: the deepest error code in the error's chain of causes (a system code such as
 * ECONNREFUSED, or undici's, such as UND_ERR_SOCKET for a connection the server closed), else the deepest message.
 */
function connectionCause(error: unknown): string | undefined {
  let found: string | undefined;
  let foundCode = false;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && code) {
      found = code;
      foundCode = true;
    } else if (!foundCode && typeof message === "string" && message) {
      found = message;
    }
    current = cause;
  }
  return found;
}
