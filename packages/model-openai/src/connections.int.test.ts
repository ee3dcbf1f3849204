import { loggingSetup } from "@syndisco/core";
import { beforeAll, describe, expect, it } from "vitest";
import { completion, inOrder, type TestServer, useTestServers } from "../test/misbehaving-server.js";
import { OpenAIModel } from "./index.js";

const chat = [{ role: "user" as const, content: "User Alex posted:\nHello?" }];

beforeAll(() => loggingSetup({ printToTerminal: false, logWarnings: false }));

const startServer = useTestServers();

const serve = (text: string, delayMs: number, port?: number): Promise<TestServer> =>
  startServer(inOrder({ delayMs, body: completion(text) }), { port });

/** Sends `count` prompts, at most `model.concurrency` at once, and collects what each one gave. */
async function promptAll(model: OpenAIModel, count: number) {
  return Promise.allSettled(Array.from({ length: count }, () => model.prompt(chat)));
}

describe("connections to the servers", () => {
  it("are kept alive and reused: no more connections than requests ever in flight", async () => {
    const server = await serve("ok", 20);
    const model = new OpenAIModel({ modelName: "stories", baseUrl: server.url, maxOutTokens: 20, maxConcurrency: 4 });
    for (let round = 0; round < 3; round += 1) {
      const results = await promptAll(model, 40);
      expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    }
    await model.dispose();

    expect(server.requests).toHaveLength(120);
    expect(server.maxInFlight()).toBe(4);
    // A connection per request would be 120.
    expect(server.connections()).toBeLessThanOrEqual(4);
  });

  it("lose no request when a server dies mid-run, and take it back once it answers again", async () => {
    const steady = await serve("steady", 50);
    const doomed = await serve("doomed", 50);
    const model = new OpenAIModel({
      modelName: "stories",
      baseUrl: [steady.url, doomed.url],
      maxOutTokens: 20,
      maxConcurrency: 32,
      retryDelayMs: 100,
    });
    // Kill the second server once a quarter of the requests are answered, with many of its requests in flight.
    const run = promptAll(model, 400);
    while (steady.requests.length + doomed.requests.length < 100)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await doomed.close();
    const results = await run;

    const texts = results.map((result) => (result.status === "fulfilled" ? result.value.text : String(result.reason)));
    expect(texts.filter((text) => text !== "steady" && text !== "doomed")).toEqual([]);
    expect(texts).toHaveLength(400);
    const answeredByDoomed = texts.filter((text) => text === "doomed").length;
    expect(answeredByDoomed).toBeGreaterThan(0);
    expect(texts.filter((text) => text === "steady").length).toBe(400 - answeredByDoomed);

    // The same server comes back on the same port: after a cool-down's trial, it shares the load again.
    const reborn = await serve("reborn", 50, doomed.port);
    const deadline = Date.now() + 10_000;
    while (reborn.requests.length === 0 && Date.now() < deadline) {
      await model.prompt(chat);
    }
    const after = await promptAll(model, 200);
    await model.dispose();
    const rebornShare = after.filter(
      (result) => result.status === "fulfilled" && result.value.text === "reborn",
    ).length;
    expect(after.every((result) => result.status === "fulfilled")).toBe(true);
    expect(rebornShare).toBeGreaterThan(60);
  });
});
