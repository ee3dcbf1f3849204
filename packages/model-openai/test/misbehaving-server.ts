import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** One request the test server received. */
export interface ReceivedRequest {
  /** When it arrived (ms since the epoch). */
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed. */
  body: Record<string, unknown>;
}

/** How the server answers one request. */
export interface ScriptedResponse {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is (with content-type application/json unless `headers` says otherwise). */
  body?: unknown;
  /** Wait this long before answering at all. */
  delayMs?: number;
  /** Send the headers and half of the body, then never finish. */
  stallBody?: boolean;
}

/** Chooses the response to the `index`-th request (0-based). */
export type Behaviour = (request: ReceivedRequest, index: number) => ScriptedResponse;

/** A running test server. */
export interface TestServer {
  /** Its base URL, ending in /v1. */
  url: string;
  /** Every chat completion request so far, in order of arrival. */
  requests: ReceivedRequest[];
  /** The most requests that were being answered at the same moment. */
  maxInFlight: () => number;
  /** How many TCP connections clients have opened to it. */
  connections: () => number;
  /** Its port on 127.0.0.1 (a server started again with `{ port }` takes the same URL). */
  port: number;
  /** Stops it as a crash would: open connections are cut, requests in flight get no answer. Once. */
  close: () => Promise<void>;
}

/** Answers with `responses` in order, repeating the last one once they are used up. */
export function inOrder(...responses: ScriptedResponse[]): Behaviour {
  return (_request, index) => responses[Math.min(index, responses.length - 1)] as ScriptedResponse;
}

/** A well-formed chat completion body. */
export function completion(
  text: string | null,
  { finishReason = "stop", promptTokens = 11, completionTokens = 7 } = {},
): Record<string, unknown> {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/**
 * Starts an OpenAI-like HTTP server on 127.0.0.1 (a free port, or `port`) whose `POST /v1/chat/completions` answers
 * as `behaviour` says, so that tests can make it misbehave on purpose.
 */
export async function startTestServer(behaviour: Behaviour, { port: wantedPort = 0 } = {}): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  let connections = 0;

  const server = createServer((request, response) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      raw += chunk;
    });
    request.on("end", () => {
      // The path alone: a base URL may carry a query (`?api-version=…`), which the request keeps.
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      if (request.method !== "POST" || path !== "/v1/chat/completions") {
        send(response, { status: 404, body: { error: { message: `no route ${request.method} ${request.url}` } } });
        return;
      }
      const received: ReceivedRequest = {
        at: Date.now(),
        method: request.method,
        path: request.url ?? path,
        headers: request.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
      };
      requests.push(received);
      const scripted = behaviour(received, requests.length - 1);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      response.on("close", () => {
        inFlight -= 1;
      });
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(response, scripted);
      }, scripted.delayMs ?? 0);
      timers.add(timer);
    });
  });
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(wantedPort, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    maxInFlight: () => maxInFlight,
    connections: () => connections,
    port,
    close: () => {
      closed ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}

/**
 * For one test file: a function that starts a test server, and an `afterEach` that closes the servers each
 * test started (a server the test closed itself included: closing twice does nothing).
 */
export function useTestServers(): (behaviour: Behaviour, options?: { port?: number }) => Promise<TestServer> {
  let servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  return async (behaviour, options) => {
    const server = await startTestServer(behaviour, options);
    servers.push(server);
    return server;
  };
}

/** The URL of a port on 127.0.0.1 where nothing listens, so connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

function send(response: ServerResponse, { status = 200, headers = {}, body, stallBody = false }: ScriptedResponse) {
  const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", ...headers });
  if (stallBody) {
    response.write(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  response.end(text);
}
