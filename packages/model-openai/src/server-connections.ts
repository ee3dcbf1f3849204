import type { IncomingHttpHeaders } from "node:http";
import type { Agent, request as undiciRequest } from "undici";

/** How long an idle connection is kept for the next request, unless the server's `Keep-Alive` header says less. */
export const KEEP_ALIVE_MS = 4_000;

/** One server's connection pool and the fetch that sends through it. */
export interface ServerConnections {
  /** A fetch for the `openai` SDK that sends every request over this server's pool. */
  fetch: typeof globalThis.fetch;
  /** Closes the pool once its requests have ended. */
  close: () => Promise<void>;
}

/**
 * Keep-alive connection pools, one per server, so that requests reuse open connections instead of paying a
 * new TCP (and TLS) handshake each. A pool opens a connection only when all of its open ones are busy
 * (HTTP/1.1 sends one request at a time per connection), up to `maxConnections` (the most requests that can
 * be in flight; a request beyond waits for a connection to free up, which happens a moment after the reply
 * before it has been read), and closes a connection that stays idle for {@link KEEP_ALIVE_MS} or as long as
 * the server's `Keep-Alive` header allows. Timeouts are left to the caller (`timeoutMs` covers the whole
 * request).
 */
export async function openServerConnections(count: number, maxConnections: number): Promise<ServerConnections[]> {
  // Loaded on first use, as the SDK is, so that importing this package stays cheap.
  const { Agent, request } = await import("undici");
  return Array.from({ length: count }, () => connectionsThrough(new Agent(agentOptions(maxConnections)), request));
}

function agentOptions(maxConnections: number): Agent.Options {
  return {
    connections: maxConnections,
    keepAliveTimeout: KEEP_ALIVE_MS,
    // The caller aborts a request after timeoutMs; undici's own 300 s limits would cut longer ones short.
    headersTimeout: 0,
    bodyTimeout: 0,
  };
}

/** Statuses whose responses have no body, which a `Response` refuses to be given. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A fetch for the SDK's JSON requests, sent with undici's `request` over `agent`. It does what the SDK needs
 * of fetch (method, headers, a text body, a signal; the whole reply read into a `Response`) at well under the
 * CPU cost of the full WHATWG fetch, which is what a client with a thousand requests in flight spends its time on.
 */
function connectionsThrough(agent: Agent, send: typeof undiciRequest): ServerConnections {
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === "string" || input instanceof URL ? input : input.url;
    const reply = await send(url, {
      dispatcher: agent,
      method: (init.method ?? "GET") as "GET",
      headers: headersOf(init.headers),
      body: typeof init.body === "string" ? init.body : null,
      signal: init.signal ?? null,
    });
    const text = await reply.body.text();
    return new Response(NULL_BODY_STATUSES.has(reply.statusCode) ? null : text, {
      status: reply.statusCode,
      headers: responseHeaders(reply.headers),
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, close: () => agent.close() };
}

function headersOf(headers: RequestInit["headers"]): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

function responseHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const each of value) result.append(name, each);
    else if (value !== undefined) result.append(name, value);
  }
  return result;
}
