import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { InputError } from "@syndisco/core";
import type { Hono } from "hono";

/** A listening server. */
export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stops accepting connections and waits for open ones to end. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free port).
 *
 * @throws {@link InputError} when the address is taken or cannot be used.
 */
export function startServer(app: Hono, { host, port }: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections would hold close() open; idle ones can go now.
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          }),
      });
    });
    server.once("error", (error: NodeJS.ErrnoException) => {
      const fix =
        error.code === "EADDRINUSE"
          ? "Another program listens there; choose another port with --port"
          : "Check --host and --port";
      reject(
        new InputError(`cannot listen on ${host}:${port} (${error.code ?? error.message})`, { field: "--port", fix }),
      );
    });
  });
}
