import type { Dispatcher } from "undici";
import { describe, expect, it } from "vitest";
import { ExchangeTimeout, postOnce } from "./http-exchange.js";

// The real exchanges run over sockets in the *.int.test.ts files. These cover what a socket cannot time:
// a request stopped while undici still holds it in its queue, before it has been written.

const post = { origin: "http://127.0.0.1:9", path: "/v1/chat/completions", headers: [], body: "{}" };

/** A dispatcher that keeps every request queued, as a pool with no free connection does. */
function queueingDispatcher() {
  const handlers: Dispatcher.DispatchHandler[] = [];
  const dispatcher = {
    dispatch: (_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
      handlers.push(handler);
      return true;
    },
  } as unknown as Dispatcher;
  return { dispatcher, handlers };
}

/** A controller that records why undici was asked to abort. */
function recordingController() {
  const aborted: Error[] = [];
  const controller = { abort: (reason: Error) => aborted.push(reason) } as unknown as Dispatcher.DispatchController;
  return { controller, aborted };
}

describe("postOnce", () => {
  it("times out a request that is still queued, and aborts it once undici takes it up", async () => {
    const { dispatcher, handlers } = queueingDispatcher();
    await expect(postOnce(dispatcher, post, 20, undefined)).rejects.toBeInstanceOf(ExchangeTimeout);

    const { controller, aborted } = recordingController();
    handlers[0]?.onRequestStart?.(controller, {});
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toBeInstanceOf(ExchangeTimeout);
  });

  it("rejects with the caller's reason when the caller aborts, and aborts the request under way", async () => {
    const { dispatcher, handlers } = queueingDispatcher();
    const caller = new AbortController();
    const sending = postOnce(dispatcher, post, 10_000, caller.signal);
    const { controller, aborted } = recordingController();
    handlers[0]?.onRequestStart?.(controller, {});
    const reason = new Error("discussion cancelled");
    caller.abort(reason);

    await expect(sending).rejects.toBe(reason);
    expect(aborted).toEqual([reason]);
  });

  it("joins the reply's chunks and keeps the status and headers of the final reply", async () => {
    const { dispatcher, handlers } = queueingDispatcher();
    const sending = postOnce(dispatcher, post, 10_000, undefined);
    const handler = handlers[0] as Dispatcher.DispatchHandler;
    const { controller } = recordingController();
    handler.onRequestStart?.(controller, {});
    handler.onResponseStart?.(controller, 100, {});
    handler.onResponseStart?.(controller, 200, { "content-type": "application/json" });
    const text = '{"choices": ["é"]}';
    const bytes = Buffer.from(text);
    // A cut inside the two bytes of "é" must not spoil it.
    const cut = bytes.indexOf(0xa9);
    handler.onResponseData?.(controller, bytes.subarray(0, cut));
    handler.onResponseData?.(controller, bytes.subarray(cut));
    handler.onResponseEnd?.(controller, {});

    await expect(sending).resolves.toEqual({ status: 200, headers: { "content-type": "application/json" }, text });
  });

  it("does not send a request whose caller has already given up", async () => {
    const { dispatcher, handlers } = queueingDispatcher();
    const reason = new Error("gone");
    await expect(postOnce(dispatcher, post, 10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(handlers).toHaveLength(0);
  });
});
