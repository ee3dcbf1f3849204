import type { Agent } from "undici";
import { type HttpReply, postOnce } from "./http-exchange.js";

/** How long an idle connection is kept for the next request, unless the server's `Keep-Alive` header says less. */
export const KEEP_ALIVE_MS = 4_000;

/** What every request to a server carries besides its body. */
export interface ServerRequestHeaders {
  apiKey: string;
  /** Further headers, such as OpenAI's organization and project. */
  extra?: Readonly<Record<string, string>>;
}

/** One server's connection pool and the chat completion requests sent through it. */
export interface ServerConnections {
  /** POSTs a JSON body to the server's `/chat/completions` and reads the whole reply. */
  postCompletion: (body: string, timeoutMs: number, signal: AbortSignal | undefined) => Promise<HttpReply>;
  /** Closes the pool once its requests have ended. */
  close: () => Promise<void>;
}

/**
 * Keep-alive connection pools, one per server, so that requests reuse open connections instead of paying a
 * new TCP (and TLS) handshake each. A pool opens a connection only when all of its open ones are busy
 * (HTTP/1.1 sends one request at a time per connection), up to `maxConnections` (the most requests that can
 * be in flight; a request beyond waits for a connection to free up, which happens a moment after the reply
 * before it has been read), and closes a connection that stays idle for {@link KEEP_ALIVE_MS} or as long as
 * the server's `Keep-Alive` header allows. Timeouts are the caller's (`timeoutMs` covers the whole request).
 */
export async function openServerConnections(
  baseUrls: readonly string[],
  maxConnections: number,
  headers: ServerRequestHeaders,
): Promise<ServerConnections[]> {
  // Loaded on first use, so that importing this package stays cheap.
  const { Agent } = await import("undici");
  const requestHeaders = headerList(headers);
  return baseUrls.map((baseUrl) => {
    const agent = new Agent(agentOptions(maxConnections));
    const { origin, path } = completionsAddress(baseUrl);
    return {
      postCompletion: (body, timeoutMs, signal) =>
        postOnce(agent, { origin, path, headers: requestHeaders, body }, timeoutMs, signal),
      close: () => agent.close(),
    };
  });
}

/**
 * Where a server's chat completions are: its base URL's path with `/chat/completions` added, and any query
 * the base URL has (some gateways want `?api-version=…`) kept after it.
 */
export function completionsAddress(baseUrl: string): { origin: string; path: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, path: `${url.pathname.replace(/\/+$/, "")}/chat/completions${url.search}` };
}

function headerList({ apiKey, extra = {} }: ServerRequestHeaders): string[] {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": "syndisco-model-openai",
    ...extra,
    authorization: `Bearer ${apiKey}`,
  };
  return Object.entries(headers).flat();
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
