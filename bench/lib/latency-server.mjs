// A stand-in for a GPU inference server's latency, not a model: an OpenAI-compatible HTTP server on
// 127.0.0.1 that answers every chat completion after a fixed delay with a short reply. It runs as its own
// process (`node latency-server.mjs <delayMs>`), so that the client's CPU and memory are measured alone and
// the server can be killed like a crashed one. It prints `listening <port>` when ready; `GET /stats` gives
// `{requests, connections}`.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const REPLY = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "latency",
  choices: [{ index: 0, message: { role: "assistant", content: "A short reply." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 40, completion_tokens: 4, total_tokens: 44 },
});

function serve(delayMs) {
  let requests = 0;
  let connections = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (request.method === "GET" && request.url === "/stats") {
        response.end(JSON.stringify({ requests, connections }));
        return;
      }
      requests += 1;
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(REPLY);
      }, delayMs);
    });
  });
  server.on("connection", () => {
    connections += 1;
  });
  // Enough for a thousand requests in flight from one client.
  server.maxConnections = 10_000;
  server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`));
}

/**
 * Starts the server in its own process.
 *
 * @returns `url` (ending in /v1), `stats()`, `kill()` (SIGKILL, as a crash) and `stop()`.
 */
export function startLatencyServer(delayMs) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), String(delayMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the latency server exited with code ${code}`)));
    child.stdout.setEncoding("utf8").on("data", (text) => {
      const port = /listening (\d+)/.exec(text)?.[1];
      if (!port) return;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/v1`,
        stats: async () => (await fetch(`${origin}/stats`)).json(),
        kill: async () => {
          child.kill("SIGKILL");
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve(Number(process.argv[2]));
