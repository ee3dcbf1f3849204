import type * as OpenAISdk from "openai";
import { AttemptFailure } from "./attempt-failure.js";
import { quoteServerText } from "./redact.js";
import { retryAfterMs } from "./retry-after.js";

/** The longest part of a server's error message that is shown. */
const MAX_QUOTED_MESSAGE = 300;

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
 * Turns whatever a request to the SDK threw into an {@link AttemptFailure} that says whether to retry.
 * The SDK is passed in because it is loaded lazily.
 */
export function classifyRequestError(
  error: unknown,
  sdk: typeof OpenAISdk,
  timeoutMs: number,
  request: FailedRequest = {},
): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  if (error instanceof sdk.APIConnectionTimeoutError) return timeoutFailure(timeoutMs);
  if (error instanceof sdk.APIConnectionError) {
    const cause = connectionCause(error);
    return new AttemptFailure(
      "connection",
      `could not connect${cause ? ` (${cause})` : ""}; check that the server runs and that baseUrl is right`,
      { retriable: true },
    );
  }
  if (error instanceof sdk.APIError && typeof error.status === "number") {
    return statusFailure(error, error.status, request);
  }
  if (error instanceof SyntaxError) {
    return new AttemptFailure("invalid-json", `the reply is not valid JSON (${error.message})`, { retriable: true });
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

function statusFailure(error: OpenAISdk.APIError, status: number, request: FailedRequest): AttemptFailure {
  // The SDK's message is "<status> <server's message>". A server may echo the request's headers in it, so
  // the key comes out before the message is shortened: a cut inside the key would hide it from redaction.
  const message = error.message.replace(new RegExp(`^${status}\\s*`), "").trim() || "no message";
  const said = quoteServerText(message, MAX_QUOTED_MESSAGE, request.apiKey);
  const options = { retriable: isRetriableStatus(status), status, retryAfterMs: retryAfterMs(error.headers) };
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

/**
 * Why a connection failed: the system error code (ECONNREFUSED, ENOTFOUND…) in the error's chain of
 * causes, or else the message of the deepest cause (fetch says "bad port", for example).
 */
function connectionCause(error: unknown): string | undefined {
  let deepestMessage: string | undefined;
  let current = (error as { cause?: unknown }).cause;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && code) return code;
    if (typeof message === "string" && message) deepestMessage = message;
    current = cause;
  }
  return deepestMessage;
}
