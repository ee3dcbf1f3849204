import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP server that serves one file (with range requests, as download managers use them). */
export interface FileServer {
  /** The file's URL. */
  url: string;
  /** Requests received, as `METHOD range`. */
  requests: string[];
  close(): Promise<void>;
}

/** Options of {@link serveFile}. */
export interface ServeFileOptions {
  /** Send this many bytes of the file, then nothing more (a stalled download). */
  stallAfterBytes?: number;
}

/** Serves `file` at `/<name>` on a free local port. */
export async function serveFile(
  file: string,
  name: string,
  { stallAfterBytes }: ServeFileOptions = {},
): Promise<FileServer> {
  const size = statSync(file).size;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.headers.range ?? "whole"}`);
    if (request.url !== `/${name}`) {
      response.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Number(range[2]) : size - 1;
    const headers = {
      "accept-ranges": "bytes",
      "content-length": String(end - start + 1),
      "content-type": "application/octet-stream",
      ...(range ? { "content-range": `bytes ${start}-${end}/${size}` } : {}),
    };
    response.writeHead(range ? 206 : 200, headers);
    if (request.method === "HEAD") response.end();
    else if (stallAfterBytes === undefined) createReadStream(file, { start, end }).pipe(response);
    else createReadStream(file, { start, end: start + stallAfterBytes - 1 }).pipe(response, { end: false });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${name}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
