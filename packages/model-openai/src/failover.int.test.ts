import { loggingSetup } from "@syndisco/core";
import { beforeAll, describe, expect, it } from "vitest";
import { completion, inOrder, refusedUrl, type TestServer, useTestServers } from "../test/misbehaving-server.js";
import { OpenAIModel } from "./index.js";
import { ModelServerError } from "./model-server-error.js";

const chat = [{ role: "user" as const, content: "User Alex posted:\nHello?" }];

beforeAll(() => loggingSetup({ printToTerminal: false, logWarnings: false }));

const startServer = useTestServers();

const serve = (...responses: Parameters<typeof inOrder>): Promise<TestServer> => startServer(inOrder(...responses));

function fleet(baseUrl: string[], retryDelayMs: number, maxRetries = 2): OpenAIModel {
  return new OpenAIModel({ modelName: "stories", baseUrl, maxOutTokens: 20, retryDelayMs, maxRetries });
}

describe("OpenAIModel over several servers", () => {
  it("spreads requests over healthy servers in turn", async () => {
    const [a, b] = [await serve({ body: completion("from a") }), await serve({ body: completion("from b") })];
    const model = fleet([a.url, b.url], 50);
    const texts: string[] = [];
    for (let prompt = 0; prompt < 6; prompt += 1) texts.push((await model.prompt(chat)).text);

    expect(texts).toEqual(["from a", "from b", "from a", "from b", "from a", "from b"]);
  });

  it("answers every request through the other server when one is down", async () => {
    const down = await refusedUrl();
    const up = await serve({ body: completion("still here") });
    const model = fleet([down, up.url], 10_000, 0);
    const replies = await Promise.all(Array.from({ length: 10 }, () => model.prompt(chat)));

    expect(replies.map((reply) => reply.text)).toEqual(Array(10).fill("still here"));
    expect(up.requests).toHaveLength(10);
  });

  it("skips a failing server while it cools down instead of asking it again each time", async () => {
    const failing = await serve({ status: 503, body: { error: { message: "loading model" } } });
    const healthy = await serve({ body: completion("ok") });
    const model = fleet([failing.url, healthy.url], 10_000);
    for (let prompt = 0; prompt < 8; prompt += 1) expect((await model.prompt(chat)).text).toBe("ok");

    expect(failing.requests).toHaveLength(1);
    expect(healthy.requests).toHaveLength(8);
  });

  it("uses a server again once it answers again", async () => {
    const flaky = await serve({ status: 502, body: "bad gateway" }, { body: completion("flaky is back") });
    const steady = await serve({ body: completion("steady") });
    const model = fleet([flaky.url, steady.url], 100);

    expect((await model.prompt(chat)).text).toBe("steady");
    // Longer than the cool-down (100 ms less up to 25% jitter): the next request is flaky's trial.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const afterCooldown = [];
    for (let prompt = 0; prompt < 4; prompt += 1) afterCooldown.push((await model.prompt(chat)).text);

    expect(afterCooldown).toEqual(["flaky is back", "steady", "flaky is back", "steady"]);
    expect(flaky.requests).toHaveLength(3);
  });

  it("sends each request to the server with the fewest outstanding, so a slow server gets fewer", async () => {
    const slow = await serve({ delayMs: 300, body: completion("slow") });
    const fast = await serve({ delayMs: 10, body: completion("fast") });
    const model = new OpenAIModel({
      modelName: "stories",
      baseUrl: [slow.url, fast.url],
      maxOutTokens: 20,
      maxConcurrency: 8,
    });
    const replies = await Promise.all(Array.from({ length: 60 }, () => model.prompt(chat)));
    await model.dispose();

    expect(replies).toHaveLength(60);
    // In turn, each would get 30. The slow one holds its requests 30 times as long.
    expect(slow.requests.length).toBeLessThan(20);
    expect(fast.requests.length).toBe(60 - slow.requests.length);
  });

  it("when every server is down, waits for the first to come back rather than failing at once", async () => {
    const a = await serve({ status: 503, body: "busy" }, { body: completion("a recovered") });
    const b = await serve({ status: 503, body: "busy" }, { body: completion("b recovered") });
    const started = Date.now();
    const reply = await fleet([a.url, b.url], 300, 1).prompt(chat);

    expect(reply.text).toMatch(/^[ab] recovered$/);
    expect(a.requests.length + b.requests.length).toBe(3);
    // Both servers failed, so the third attempt had to wait out a cool-down (300 ms less up to 25% jitter).
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("fails with the last server's problem once every server and every retry has failed", async () => {
    const a = await serve({ status: 500, body: { error: { message: "a is broken" } } });
    const down = await refusedUrl();
    const error = await fleet([a.url, down], 10, 1)
      .prompt(chat)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ModelServerError);
    // One try per server plus one retry.
    expect((error as ModelServerError).attempts).toBe(3);
    expect((error as ModelServerError).message).toMatch(/gave up after 3 attempts$/);
  });
});
