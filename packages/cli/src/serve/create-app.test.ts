import { InputError } from "@syndisco/core";
import { ScriptedModel } from "@syndisco/core/testing";
import { describe, expect, it, vi } from "vitest";
import { CLAMPED_HEADER, createServeApp } from "./create-app.js";

function appWith(options: { apiKey?: string; reply?: string } = {}) {
  const model = new ScriptedModel({
    replies: [
      { text: options.reply ?? "Hello there, friend.", promptTokens: 7, completionTokens: 4, finishReason: "stop" },
    ],
  });
  const app = createServeApp({
    models: new Map([["main", model]]),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
  return { app, model };
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

const CHAT = { model: "main", messages: [{ role: "user", content: "Hi" }] };

describe("GET /v1/models", () => {
  it("lists the configured model names", async () => {
    const response = await appWith().app.request("/v1/models");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: { id: string; object: string }[] };
    expect(body.object).toBe("list");
    expect(body.data.map((model) => [model.id, model.object])).toEqual([["main", "model"]]);
  });
});

describe("POST /v1/chat/completions", () => {
  it("answers with the model's reply, finish reason and token usage", async () => {
    const { app, model } = appWith();
    const response = await app.request(
      "/v1/chat/completions",
      post({
        ...CHAT,
        messages: [
          { role: "developer", content: "Be brief" },
          {
            role: "user",
            content: [
              { type: "text", text: "Hi " },
              { type: "text", text: "there" },
            ],
          },
        ],
        max_tokens: 12,
        stop: "\n",
        seed: 5,
        temperature: 0.3,
        top_p: 0.9,
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "main",
      choices: [{ index: 0, message: { role: "assistant", content: "Hello there, friend." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 },
    });
    expect(String(body.id)).toMatch(/^chatcmpl-/);
    const call = model.calls[0];
    expect(call?.messages).toEqual([
      { role: "system", content: "Be brief" },
      { role: "user", content: "Hi there" },
    ]);
    expect(call?.options).toMatchObject({ maxOutTokens: 12, stop: ["\n"], seed: 5 });
  });

  it("passes prompt_cache_key to the model as its session key, and reports the cached prompt tokens", async () => {
    const model = new ScriptedModel({
      replies: [{ text: "Sure.", promptTokens: 30, evaluatedPromptTokens: 12, completionTokens: 2 }],
    });
    const app = createServeApp({ models: new Map([["main", model]]) });
    const response = await app.request("/v1/chat/completions", post({ ...CHAT, prompt_cache_key: "d1/Emma35" }));
    const body = (await response.json()) as { usage: Record<string, unknown> };
    expect(body.usage).toEqual({
      prompt_tokens: 30,
      completion_tokens: 2,
      total_tokens: 32,
      prompt_tokens_details: { cached_tokens: 18 },
    });
    expect(model.calls[0]?.options.sessionKey).toBe("d1/Emma35");
  });

  it("leaves out prompt_tokens_details when the model does not say what it evaluated", async () => {
    const response = await appWith().app.request("/v1/chat/completions", post(CHAT));
    expect((await response.json()) as { usage: object }).not.toHaveProperty("usage.prompt_tokens_details");
  });

  it("prefers max_completion_tokens to max_tokens", async () => {
    const { app, model } = appWith();
    await app.request("/v1/chat/completions", post({ ...CHAT, max_tokens: 50, max_completion_tokens: 9 }));
    expect(model.calls[0]?.options.maxOutTokens).toBe(9);
  });

  it("streams the reply as OpenAI chunks that end with [DONE]", async () => {
    const response = await appWith().app.request(
      "/v1/chat/completions",
      post({ ...CHAT, stream: true, stream_options: { include_usage: true } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = (await response.text())
      .split("\n\n")
      .map((block) => block.trim())
      .filter(Boolean)
      .map((block) => block.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("Hello there, friend.");
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === "stop")).toHaveLength(1);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 11 } });
    for (const chunk of chunks) expect(chunk.object).toBe("chat.completion.chunk");
  });

  it("refuses a body that is not JSON with an OpenAI-style 400", async () => {
    const response = await appWith().app.request("/v1/chat/completions", post("{not json"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "We could not parse the JSON body of your request.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_json",
      },
    });
  });

  it("names the bad parameter of an invalid request", async () => {
    const app = appWith().app;
    const badRole = await app.request(
      "/v1/chat/completions",
      post({ model: "main", messages: [{ role: "tool", content: "x" }] }),
    );
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: { param: string } }).error.param).toBe("messages[0].role");
    const noMessages = await app.request("/v1/chat/completions", post({ model: "main", messages: [] }));
    expect(((await noMessages.json()) as { error: { param: string; type: string } }).error).toMatchObject({
      param: "messages",
      type: "invalid_request_error",
    });
    const badTokens = await app.request("/v1/chat/completions", post({ ...CHAT, max_tokens: 0 }));
    expect(badTokens.status).toBe(400);
    const twoChoices = await app.request("/v1/chat/completions", post({ ...CHAT, n: 2 }));
    expect(((await twoChoices.json()) as { error: { message: string } }).error.message).toMatch(/n must be 1/);
  });

  it("answers 404 for a model it does not serve", async () => {
    const response = await appWith().app.request("/v1/chat/completions", post({ ...CHAT, model: "gpt-5" }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "model_not_found", param: "model" } });
  });

  it("answers 400 when the backend refuses the input, and 500 when it fails", async () => {
    const refusing = new ScriptedModel({
      replies: () => {
        throw new InputError("prompt too long", { field: "messages" });
      },
    });
    const failing = new ScriptedModel({
      replies: () => {
        throw new Error("out of memory");
      },
    });
    const app = createServeApp({
      models: new Map([
        ["refusing", refusing],
        ["failing", failing],
      ]),
    });
    const refused = await app.request("/v1/chat/completions", post({ ...CHAT, model: "refusing" }));
    expect(refused.status).toBe(400);
    const failed = await app.request("/v1/chat/completions", post({ ...CHAT, model: "failing" }));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({
      error: { type: "server_error", message: "The model failed: out of memory" },
    });
  });

  it("answers unknown URLs with an OpenAI-style 404", async () => {
    const response = await appWith().app.request("/v1/completions", post({}));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "unknown_url" } });
  });
});

/** A scripted model that says it holds replies to a response schema, as llama.cpp does. */
class ConstrainingModel extends ScriptedModel {
  override readonly supportsResponseSchema = true;
}

describe("response_format", () => {
  const SCHEMA = {
    type: "object",
    properties: { answer: { type: "integer", minimum: 1, maximum: 5 } },
    required: ["answer"],
    additionalProperties: false,
  };

  it("passes a json_schema's schema to a model that can follow it, and any object for json_object", async () => {
    const model = new ConstrainingModel({ replies: ['{"answer": 3}'] });
    const app = createServeApp({ models: new Map([["main", model]]) });
    const format = { type: "json_schema", json_schema: { name: "answer", schema: SCHEMA, strict: true } };
    const response = await app.request("/v1/chat/completions", post({ ...CHAT, response_format: format }));
    expect(response.status).toBe(200);
    expect(model.calls[0]?.options.responseSchema).toEqual(SCHEMA);
    await app.request("/v1/chat/completions", post({ ...CHAT, response_format: { type: "json_object" } }));
    expect(model.calls[1]?.options.responseSchema).toEqual({ type: "object", additionalProperties: true });
    await app.request("/v1/chat/completions", post({ ...CHAT, response_format: { type: "text" } }));
    expect(model.calls[2]?.options).not.toHaveProperty("responseSchema");
  });

  it("refuses it with 400 when the model's backend cannot constrain its replies, and never calls the model", async () => {
    const { app, model } = appWith();
    for (const format of [
      { type: "json_schema", json_schema: { name: "answer", schema: SCHEMA } },
      { type: "json_object" },
    ]) {
      const response = await app.request("/v1/chat/completions", post({ ...CHAT, response_format: format }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { param: "response_format", code: "unsupported_parameter" },
      });
    }
    expect(model.calls).toHaveLength(0);
    // Plain text needs no constraint.
    const text = await app.request("/v1/chat/completions", post({ ...CHAT, response_format: { type: "text" } }));
    expect(text.status).toBe(200);
  });

  it("names response_format when it is malformed or the backend cannot turn its schema into a grammar", async () => {
    const refusing = new ConstrainingModel({
      replies: () => {
        throw new InputError("cannot make a grammar", { field: "answerForm" });
      },
    });
    const app = createServeApp({ models: new Map([["main", refusing]]) });
    const unknownType = await app.request("/v1/chat/completions", post({ ...CHAT, response_format: { type: "xml" } }));
    expect(unknownType.status).toBe(400);
    expect(((await unknownType.json()) as { error: { param: string } }).error.param).toMatch(/^response_format/);
    const noSchema = await app.request(
      "/v1/chat/completions",
      post({ ...CHAT, response_format: { type: "json_schema", json_schema: { name: "answer" } } }),
    );
    expect(((await noSchema.json()) as { error: { param: string } }).error.param).toBe(
      "response_format.json_schema.schema",
    );
    const format = { type: "json_schema", json_schema: { name: "answer", schema: SCHEMA } };
    const refused = await app.request("/v1/chat/completions", post({ ...CHAT, response_format: format }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { param: "response_format" } });
  });
});

describe("limits", () => {
  it("answers 413 to a body over the limit, by its Content-Length or while reading it", async () => {
    const { model } = appWith();
    const app = createServeApp({ models: new Map([["main", model]]), limits: { maxBodyBytes: 1000 } });
    const big = JSON.stringify({ ...CHAT, messages: [{ role: "user", content: "x".repeat(2000) }] });
    const declared = await app.request("/v1/chat/completions", post(big));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: "request_too_large" } });
    // Without Content-Length (chunked), the body is counted as it arrives.
    const bytes = new TextEncoder().encode(big);
    const streamed = await app.request("/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 300) controller.enqueue(bytes.slice(at, at + 300));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(model.calls).toHaveLength(0);
    const small = await app.request("/v1/chat/completions", post(CHAT));
    expect(small.status).toBe(200);
  });

  it("lowers max_tokens above the model's maxOutTokens to it, and says so in a header", async () => {
    const { app, model } = appWith();
    const clamped = await app.request("/v1/chat/completions", post({ ...CHAT, max_tokens: 1_000_000_000 }));
    expect(clamped.status).toBe(200);
    expect(model.calls[0]?.options.maxOutTokens).toBe(model.maxOutTokens);
    expect(clamped.headers.get(CLAMPED_HEADER)).toBe(String(model.maxOutTokens));
    const streamed = await app.request(
      "/v1/chat/completions",
      post({ ...CHAT, max_completion_tokens: model.maxOutTokens + 1, stream: true }),
    );
    expect(streamed.headers.get(CLAMPED_HEADER)).toBe(String(model.maxOutTokens));
    expect(model.calls[1]?.options.maxOutTokens).toBe(model.maxOutTokens);
    const within = await app.request("/v1/chat/completions", post({ ...CHAT, max_tokens: model.maxOutTokens }));
    expect(within.headers.get(CLAMPED_HEADER)).toBeNull();
    expect(model.calls[2]?.options.maxOutTokens).toBe(model.maxOutTokens);
  });

  it("answers 429 with Retry-After when the model's queue is full, and admits again once it drains", async () => {
    const held: (() => void)[] = [];
    const model = new ScriptedModel({
      concurrency: 1,
      replies: () => new Promise<string>((resolve) => held.push(() => resolve("Done."))),
    });
    const app = createServeApp({ models: new Map([["main", model]]), limits: { maxQueue: 1 } });
    const first = app.request("/v1/chat/completions", post(CHAT));
    const second = app.request("/v1/chat/completions", post(CHAT));
    await vi.waitFor(() => expect(held).toHaveLength(1));
    const refused = await app.request("/v1/chat/completions", post(CHAT));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { type: "rate_limit_error", code: "queue_full" } });
    held[0]?.();
    expect((await first).status).toBe(200);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    const third = app.request("/v1/chat/completions", post(CHAT));
    held[1]?.();
    expect((await second).status).toBe(200);
    await vi.waitFor(() => expect(held).toHaveLength(3));
    held[2]?.();
    expect((await third).status).toBe(200);
  });
});

describe("the API key", () => {
  it("is required as a bearer token on /v1 when set", async () => {
    const { app } = appWith({ apiKey: "s3cret" });
    const missing = await app.request("/v1/models");
    expect(missing.status).toBe(401);
    const wrong = await app.request("/v1/chat/completions", post(CHAT, { authorization: "Bearer nope" }));
    expect(wrong.status).toBe(401);
    const body = (await wrong.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_api_key");
    expect(body.error.message).not.toContain("s3cret");
    const right = await app.request("/v1/chat/completions", post(CHAT, { authorization: "Bearer s3cret" }));
    expect(right.status).toBe(200);
  });

  it("is not needed for the health check", async () => {
    const response = await appWith({ apiKey: "s3cret" }).app.request("/health");
    expect(response.status).toBe(200);
  });
});
