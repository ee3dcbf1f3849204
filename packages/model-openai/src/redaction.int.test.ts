import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { loggingSetup } from "@syndisco/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completion, startTestServer, type TestServer } from "../test/misbehaving-server.js";
import { OpenAIModel } from "./index.js";
import { ModelServerError } from "./model-server-error.js";

// Distinctive, so that finding it anywhere means it leaked.
const API_KEY = "sk-Q7vX2mZ9pL4wR8tK1nB6cY3hJ5dF0gS7e";

/** A server that echoes the Authorization header it received, as a careless proxy might. */
async function echoingServer(): Promise<TestServer> {
  return startTestServer((request, index) => {
    const echoed = `you sent ${request.headers.authorization}`;
    if (index === 0) return { status: 503, body: { error: { message: echoed } } };
    if (index === 1) return { status: 401, body: { error: { message: echoed } } };
    return { body: completion(`fine (${echoed})`) };
  });
}

describe("the API key", () => {
  let logsDir: string;
  let server: TestServer;

  beforeAll(async () => {
    logsDir = await mkdtemp(join(tmpdir(), "syndisco-openai-logs-"));
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir, level: "debug", logWarnings: false });
    server = await echoingServer();
  });

  afterAll(async () => {
    await server.close();
    await rm(logsDir, { recursive: true, force: true });
  });

  it("is sent to the server but appears in no error message and no log line", async () => {
    const model = new OpenAIModel({
      modelName: "stories",
      baseUrl: server.url,
      apiKey: API_KEY,
      maxOutTokens: 20,
      retryDelayMs: 10,
    });
    const error = await model.prompt([{ role: "user", content: "Hi" }]).catch((caught: unknown) => caught);

    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${API_KEY}`,
      `Bearer ${API_KEY}`,
    ]);
    expect(error).toBeInstanceOf(ModelServerError);
    const failure = error as ModelServerError;
    expect(failure.message).toContain("the server answered 401: you sent Bearer ***");
    for (const shown of [
      failure.message,
      String(failure.stack),
      inspect(failure, { depth: 5 }),
      JSON.stringify(failure),
    ]) {
      expect(shown).not.toContain(API_KEY);
    }
    // Nor can it be read off the model object.
    expect(inspect(model, { depth: 5, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(model)).not.toContain(API_KEY);

    // The last line written: the server answered (with 401) after its 503.
    const logs = await readLogs(logsDir, "answers again");
    expect(logs).toContain("trying again");
    expect(logs).toContain("you sent Bearer ***");
    expect(logs).not.toContain(API_KEY);
  });

  it("appears in no error, not even in part, wherever the 300-character cut of the server's message falls", async () => {
    // The server echoes the header after `padding` characters, so that the key moves across the cut.
    let padding = 0;
    const echoing = await startTestServer((request) => ({
      status: 400,
      body: { error: { message: `${"x".repeat(padding)}you sent ${request.headers.authorization}; bad request` } },
    }));
    try {
      const model = new OpenAIModel({ modelName: "stories", baseUrl: echoing.url, apiKey: API_KEY, maxOutTokens: 20 });
      const keyStart = "you sent Bearer ".length;
      let checked = 0;
      for (let start = 300 - API_KEY.length - 2; start <= 302; start += 1) {
        padding = start - keyStart;
        const error = await model.prompt([{ role: "user", content: "Hi" }]).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ModelServerError);
        expect(keyPiecesIn(String((error as Error).message)), `key starting at ${start}`).toEqual([]);
        checked += 1;
      }
      expect(checked).toBe(API_KEY.length + 5);
      expect(echoing.requests).toHaveLength(checked);
    } finally {
      await echoing.close();
    }
  });
});

/** Every 4-character piece of the key that `text` shows. */
function keyPiecesIn(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start + 4 <= API_KEY.length; start += 1) {
    if (text.includes(API_KEY.slice(start, start + 4))) pieces.push(API_KEY.slice(start, start + 4));
  }
  return pieces;
}

/** The text of every log file in `dir`, once a line containing `expected` has been flushed to disk. */
async function readLogs(dir: string, expected: string): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const files = await readdir(dir);
    const text = (await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")))).join("");
    if (text.includes(expected) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
