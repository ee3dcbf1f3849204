// Starts `syndisco serve` as its own process, as a user would, and stops it.
import { spawn } from "node:child_process";
import { CLI_BIN } from "./paths.mjs";

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Runs `syndisco serve --config <file> --port 0` and waits for the line that gives its address.
 *
 * @returns `url` (the OpenAI-compatible base URL, ending in /v1) and `stop()`, which sends SIGTERM and
 *   waits for the process to exit.
 */
export function startServe(configFile) {
  const server = spawn(process.execPath, [CLI_BIN, "serve", "--config", configFile, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("syndisco serve did not start within 60 s")), STARTUP_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      server.kill("SIGKILL");
      reject(new Error(`${error.message}\n${output.trim()}`));
    };
    const onData = (chunk) => {
      output += chunk;
      const match = /at (http:\/\/\S+\/v1)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        stop: async () => {
          server.kill("SIGTERM");
          await exited;
        },
      });
    };
    server.stdout.setEncoding("utf8").on("data", onData);
    server.stderr.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
    });
    server.once("exit", (code) => fail(new Error(`syndisco serve exited with code ${code} before serving`)));
  });
}
