import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";

/** A whole HTTP reply: its status, its headers (names in lower case) and its body as text. */
export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One POST request: where it goes and what it carries. */
export interface HttpPost {
  /** `http://host:port`, with no path. */
  origin: string;
  /** The path and query, starting with `/`. */
  path: string;
  /** Header names and values, alternating. */
  headers: string[];
  body: string;
}

/** The request got no whole reply within its time limit. */
export class ExchangeTimeout extends Error {
  override readonly name = "ExchangeTimeout";
}

/**
 * Sends one POST over `dispatcher` (an undici pool) and reads the whole reply, straight from undici's handler
 * callbacks: no stream, `Response`, `Headers` or `AbortController` is made for it, which is most of what a
 * client with hundreds of requests in flight would otherwise spend its CPU on. `timeoutMs` covers the whole
 * exchange, reply body included.
 *
 * @throws an {@link ExchangeTimeout} after `timeoutMs`, the signal's reason when `signal` aborts, or undici's
 *   error when the connection fails.
 */
export function postOnce(
  dispatcher: Dispatcher,
  post: HttpPost,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<HttpReply> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<HttpReply>((resolve, reject) => {
    const exchange = new ReplyReader(resolve, reject, signal);
    exchange.timer = setTimeout(() => exchange.stop(new ExchangeTimeout(`no reply within ${timeoutMs} ms`)), timeoutMs);
    if (signal) {
      exchange.onAbort = () => exchange.stop(signal.reason);
      signal.addEventListener("abort", exchange.onAbort, { once: true });
    }
    dispatcher.dispatch(
      { origin: post.origin, path: post.path, method: "POST", headers: post.headers, body: post.body },
      exchange,
    );
  });
}

/** Collects one reply from undici's callbacks and settles the request's promise once. */
class ReplyReader implements Dispatcher.DispatchHandler {
  timer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  /** Why the request was stopped before undici took it up, to pass on once it does. */
  #stopReason: Error | undefined;
  #settled = false;
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  readonly #chunks: Buffer[] = [];

  readonly #resolve: (reply: HttpReply) => void;
  readonly #reject: (error: unknown) => void;
  readonly #signal: AbortSignal | undefined;

  constructor(resolve: (reply: HttpReply) => void, reject: (error: unknown) => void, signal: AbortSignal | undefined) {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#signal = signal;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#stopReason) controller.abort(this.#stopReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    // 1xx replies come before the real one; only the last status counts.
    this.#status = status;
    this.#headers = headers;
    this.#chunks.length = 0;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    const body = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
    this.#settle();
    this.#resolve({ status: this.#status, headers: this.#headers, text: body.toString("utf8") });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settled) return;
    this.#settle();
    this.#reject(error);
  }

  /** Ends the request with `reason` (a timeout or the caller's abort), whether or not undici has started it. */
  stop(reason: unknown): void {
    if (this.#settled) return;
    const error = reason instanceof Error ? reason : new Error(String(reason));
    this.#settle();
    this.#reject(reason);
    if (this.#controller) this.#controller.abort(error);
    else this.#stopReason = error;
  }

  #settle(): void {
    this.#settled = true;
    clearTimeout(this.timer);
    if (this.onAbort) this.#signal?.removeEventListener("abort", this.onAbort);
  }
}
