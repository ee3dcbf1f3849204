import type { OpenAI } from "openai";
import { timeoutFailure } from "./classify-error.js";
import type { ChatCompletionBody } from "./request-body.js";

type CreateParams = Parameters<OpenAI["chat"]["completions"]["create"]>[0];

/**
 * Sends one chat completion request, with no retries of the SDK's own, and returns the parsed body as
 * the server sent it (the caller checks it). `timeoutMs` covers the whole request, reply body included.
 *
 * @throws the caller's abort reason when `signal` aborts, an AttemptFailure on timeout, or the SDK's error.
 */
export async function requestCompletion(
  client: OpenAI,
  body: ChatCompletionBody,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const attempt = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort();
  }, timeoutMs);
  const onAbort = () => attempt.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    // The body may carry fields the SDK's types do not list (extraBody); the SDK sends them as they are.
    return await client.chat.completions.create(body as unknown as CreateParams, {
      signal: attempt.signal,
      timeout: timeoutMs,
      maxRetries: 0,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timedOut) throw timeoutFailure(timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
