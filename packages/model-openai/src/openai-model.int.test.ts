import { loggingSetup } from "@syndisco/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  completion,
  inOrder,
  refusedUrl,
  type ScriptedResponse,
  type TestServer,
  useTestServers,
} from "../test/misbehaving-server.js";
import { OpenAIModel, type OpenAIModelOptions } from "./index.js";
import { ModelServerError } from "./model-server-error.js";

const chat = [
  { role: "system" as const, content: "You are Emma35, a user of an online forum." },
  { role: "user" as const, content: "User Alex posted:\nWhat do you think?" },
];

// Retries are logged as warnings; keep them out of the test report (redaction.int.test.ts reads them).
beforeAll(() => loggingSetup({ printToTerminal: false, logWarnings: false }));

const startServer = useTestServers();

const serve = (...responses: ScriptedResponse[]): Promise<TestServer> => startServer(inOrder(...responses));

function modelFor(server: TestServer | string, options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  const baseUrl = typeof server === "string" ? server : server.url;
  return new OpenAIModel({ modelName: "stories", baseUrl, maxOutTokens: 40, retryDelayMs: 20, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<ModelServerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelServerError);
  return error as ModelServerError;
}

describe("OpenAIModel against a real HTTP server", () => {
  it("sends the chat with its options and returns the reply, token counts and finish reason", async () => {
    const server = await serve({ body: completion("I think so.<|eot|>", { promptTokens: 31, completionTokens: 5 }) });
    const model = modelFor(server, {
      apiKey: "sk-local-test",
      temperature: 0.8,
      removeStringList: ["<|eot|>"],
      extraBody: { top_k: 40 },
    });
    const reply = await model.prompt(chat, { stop: ["\nUser", "User ", "\n\n", "###", "extra"], seed: 42 });

    expect(reply).toEqual({ text: "I think so.", promptTokens: 31, completionTokens: 5, finishReason: "stop" });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe("Bearer sk-local-test");
    expect(request?.body).toEqual({
      model: "stories",
      messages: chat,
      max_tokens: 40,
      temperature: 0.8,
      stop: ["\nUser", "User ", "\n\n", "###"],
      seed: 42,
      top_k: 40,
    });
  });

  it("sends a placeholder key to a server that needs none", async () => {
    const server = await serve({ body: completion("Hi.") });
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await modelFor(server).prompt(chat);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
    expect(server.requests[0]?.headers.authorization).toBe("Bearer not-needed");
  });

  it("reports a reply cut by the token limit", async () => {
    const server = await serve({ body: completion("Once upon a", { finishReason: "length" }) });
    expect(await modelFor(server).prompt(chat, { maxOutTokens: 3 })).toMatchObject({ finishReason: "length" });
    expect(server.requests[0]?.body.max_tokens).toBe(3);
  });

  it("after a 429, waits for Retry-After and then retries", async () => {
    const server = await serve(
      { status: 429, headers: { "retry-after": "1" }, body: { error: { message: "Rate limit reached" } } },
      { body: completion("Fine, thanks.") },
    );
    const reply = await modelFor(server, { retryDelayMs: 10 }).prompt(chat);

    expect(reply.text).toBe("Fine, thanks.");
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    // Retry-After says 1 s, much longer than the 10 ms backoff this model would use on its own.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("after 500 on every attempt, fails once maxRetries retries are spent", async () => {
    const server = await serve({ status: 500, body: { error: { message: "CUDA out of memory" } } });
    const error = await failureOf(modelFor(server, { maxRetries: 2 }).prompt(chat));

    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ problem: "http-status", status: 500, attempts: 3, modelName: "stories" });
    expect(error.message).toBe(
      `${server.url} (model stories): the server answered 500: CUDA out of memory; gave up after 3 attempts`,
    );
  });

  it("recovers when a 500 is followed by a good reply", async () => {
    const server = await serve({ status: 503, body: "overloaded" }, { body: completion("Back.") });
    expect((await modelFor(server, { maxRetries: 1 }).prompt(chat)).text).toBe("Back.");
    expect(server.requests).toHaveLength(2);
  });

  it("retries malformed JSON and names it when it persists", async () => {
    const server = await serve({ body: '{"choices": [{"message": {"content": "Hel' });
    const error = await failureOf(modelFor(server, { maxRetries: 1 }).prompt(chat));

    expect(server.requests).toHaveLength(2);
    expect(error.problem).toBe("invalid-json");
    expect(error.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1 \(model stories\): the reply is not valid JSON/);
  });

  it("rejects null content (a tool call) at once, without retrying", async () => {
    const toolCall = {
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function" }] },
        },
      ],
    };
    const server = await serve({ body: toolCall });
    const error = await failureOf(modelFor(server).prompt(chat));

    expect(server.requests).toHaveLength(1);
    expect(error.problem).toBe("null-content");
    expect(error.message).toBe(
      `${server.url} (model stories): the reply has no text (content is null; the model made a tool call)`,
    );
  });

  it("rejects a reply with empty choices at once", async () => {
    const server = await serve({ body: { ...completion("x"), choices: [] } });
    const error = await failureOf(modelFor(server).prompt(chat));

    expect(server.requests).toHaveLength(1);
    expect(error.message).toBe(`${server.url} (model stories): the reply has no choices`);
  });

  it("rejects a choice without a message and an empty text", async () => {
    const server = await serve({ body: { choices: [{ index: 0 }] } }, { body: completion("   ") });
    const model = modelFor(server);
    expect((await failureOf(model.prompt(chat))).problem).toBe("no-message");
    expect((await failureOf(model.prompt(chat))).message).toBe(
      `${server.url} (model stories): the reply's text is empty`,
    );
  });

  it("gives up on a server slower than timeoutMs", async () => {
    const server = await serve({ delayMs: 5000, body: completion("Too late.") });
    const started = Date.now();
    const error = await failureOf(modelFor(server, { timeoutMs: 300, maxRetries: 1 }).prompt(chat));

    expect(Date.now() - started).toBeLessThan(2500);
    expect(server.requests).toHaveLength(2);
    expect(error.problem).toBe("timeout");
    expect(error.message).toContain("no reply within 300 ms (timeoutMs)");
  });

  it("counts the reply body in the timeout", async () => {
    const server = await serve({ stallBody: true, body: completion("Half a reply") }, { body: completion("Whole.") });
    const started = Date.now();
    const reply = await modelFor(server, { timeoutMs: 300, maxRetries: 1 }).prompt(chat);

    expect(reply.text).toBe("Whole.");
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("reports a refused connection after its retries", async () => {
    const url = await refusedUrl();
    const error = await failureOf(modelFor(url, { maxRetries: 2 }).prompt(chat));

    expect(error).toMatchObject({ problem: "connection", attempts: 3, serverUrl: url });
    expect(error.message).toContain(`${url} (model stories): could not connect (ECONNREFUSED)`);
  });

  it("does not retry a client error, and passes on the server's explanation", async () => {
    const server = await serve({ status: 404, body: { error: { message: "The model `storiez` does not exist." } } });
    const error = await failureOf(modelFor(server, { maxRetries: 3 }).prompt(chat));

    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ problem: "http-status", status: 404, attempts: 1 });
    expect(error.message).toContain("the server answered 404: The model `storiez` does not exist.; check modelName");
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const server = await serve({ delayMs: 5000, body: completion("Too late.") });
    const controller = new AbortController();
    const reason = new Error("discussion cancelled");
    const prompting = modelFor(server).prompt(chat, { signal: controller.signal });
    // Abort once the request is at the server (the first one also opens the connection pool).
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    controller.abort(reason);

    await expect(prompting).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps at most maxConcurrency requests in flight", async () => {
    const server = await serve({ delayMs: 150, body: completion("Sure.") });
    const model = modelFor(server, { maxConcurrency: 2 });
    const replies = await Promise.all(Array.from({ length: 6 }, () => model.prompt(chat)));

    expect(model.concurrency).toBe(2);
    expect(replies.map((reply) => reply.text)).toEqual(Array(6).fill("Sure."));
    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight()).toBe(2);
  });
});
