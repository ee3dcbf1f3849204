import { classifyRequestError, type FailedRequest, statusFailure, timeoutFailure } from "./classify-error.js";
import { ExchangeTimeout } from "./http-exchange.js";
import type { ServerConnections } from "./server-connections.js";

/**
 * Sends one chat completion request (`body`, already JSON) to one server, once, and returns the reply's
 * parsed body as the server sent it (the caller checks it). `timeoutMs` covers the whole request, reply body
 * included.
 *
 * A body that does not parse is `invalid-json` when the server called it JSON; otherwise its text is
 * returned as it is, and the caller's check says what came instead of a JSON object (a proxy's HTML page).
 *
 * @throws the caller's abort reason when `signal` aborts, or an AttemptFailure saying what went wrong.
 */
export async function requestCompletion(
  server: ServerConnections,
  body: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  request: FailedRequest,
): Promise<unknown> {
  let reply: Awaited<ReturnType<ServerConnections["postCompletion"]>>;
  try {
    reply = await server.postCompletion(body, timeoutMs, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof ExchangeTimeout) throw timeoutFailure(timeoutMs);
    throw classifyRequestError(error);
  }
  if (reply.status < 200 || reply.status >= 300) throw statusFailure(reply.status, reply.headers, reply.text, request);
  try {
    return JSON.parse(reply.text);
  } catch (error) {
    if (isJson(reply.headers["content-type"])) throw classifyRequestError(error);
    return reply.text;
  }
}

function isJson(contentType: string | string[] | undefined): boolean {
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  return type !== undefined && /^\s*application\/(?:[\w.+-]+\+)?json\b/i.test(type);
}
