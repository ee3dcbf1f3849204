import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAMPED_HEADER } from "../src/serve/create-app.js";
import { type RunningCli, runCli, startCli } from "./helpers/cli-process.js";
import { ANNOTATION_KEYS, DISCUSSION_KEYS, readJsonFiles } from "./helpers/experiment-files.js";
import { experimentYaml, storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const API_KEY = "test-key-123";

describe.skipIf(!haveTestModels())("syndisco serve on stories260K, used over real HTTP", () => {
  let server: RunningCli;
  let baseUrl: string;

  beforeAll(async () => {
    const dir = tempDir();
    // Two parallel sequences, so that concurrent requests are served at once.
    writeFileSync(join(dir, "serve.yaml"), `models:\n${storiesModelYaml("main", "\n      parallel: 2")}`);
    server = startCli(["serve", "--config", "serve.yaml", "--port", "0", "--api-key", API_KEY], { cwd: dir });
    const [, url] = await server.waitFor(/Serving main at (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    baseUrl = url ?? "";
  });

  afterAll(async () => {
    server?.child.kill("SIGTERM");
    const ended = await server?.exited;
    expect(ended?.code).toBe(0);
  });

  const headers = (key = API_KEY) => ({ "content-type": "application/json", authorization: `Bearer ${key}` });
  const chat = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      model: "main",
      messages: [{ role: "user", content: "Once upon a time" }],
      max_tokens: 16,
      ...extra,
    });

  it("lists the configured model", async () => {
    const response = await fetch(`${baseUrl}/models`, { headers: headers() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string }[] };
    expect(body.data.map((model) => model.id)).toEqual(["main"]);
  });

  it("refuses a wrong API key with 401 and an OpenAI-style body", async () => {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: headers("wrong"),
      body: chat(),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { type: string; code: string } };
    expect(body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
  });

  it("answers a completion with the model's text and token usage", async () => {
    const response = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: headers(), body: chat() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(16);
  });

  it("streams the same greedy reply as chunks ending with [DONE]", async () => {
    const plain = (await (
      await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: headers(), body: chat({ seed: 1 }) })
    ).json()) as { choices: { message: { content: string } }[] };
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: headers(),
      body: chat({ seed: 1, stream: true }),
    });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = (await response.text())
      .split("\n\n")
      .map((block) => block.trim().replace(/^data: /, ""))
      .filter(Boolean);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
    expect(chunks.length).toBeGreaterThan(2);
    const streamed = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
    expect(streamed).toBe(plain.choices[0]?.message.content);
  });

  it("serves concurrent requests", async () => {
    const responses = await Promise.all(
      [0, 1, 2, 3].map(() =>
        fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: headers(), body: chat() }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
  });

  it("keeps a session's prompt cached between its requests and reports it as cached_tokens", async () => {
    const ask = async (content: string) => {
      const messages = [
        { role: "system", content: "You are Emma35, a calm reader of stories." },
        { role: "user", content },
      ];
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: headers(),
        body: chat({ messages, max_tokens: 4, prompt_cache_key: "cache-test/Emma35" }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { usage: { prompt_tokens_details?: { cached_tokens: number } } }).usage;
    };
    await ask("Once upon a time");
    const second = await ask("Once upon a time there was a dog");
    // The system message and the first words were evaluated by the first request and stayed in its sequence.
    expect(second.prompt_tokens_details?.cached_tokens).toBeGreaterThanOrEqual(10);
  });

  it("answers a bad request with 400", async () => {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ model: "main", messages: "hello" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("messages");
  });

  it("holds a reply to a response_format JSON schema with the llama.cpp grammar", async () => {
    const schema = {
      type: "object",
      properties: { answer: { type: "integer", enum: [1, 2, 3, 4, 5] } },
      required: ["answer"],
      additionalProperties: false,
    };
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: headers(),
      body: chat({ response_format: { type: "json_schema", json_schema: { name: "answer", schema, strict: true } } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toEqual({ answer: expect.toBeOneOf([1, 2, 3, 4, 5]) });
  });

  it("gives an annotator with an answer form valid answers through the openai backend", async () => {
    const dir = tempDir();
    const openaiModel = `  main:
    backend: openai
    options: { modelName: main, baseUrl: ${JSON.stringify(baseUrl)}, apiKey: ${API_KEY}, maxOutTokens: 24, maxRetries: 0 }
`;
    writeFileSync(
      join(dir, "experiment.yaml"),
      experimentYaml(openaiModel, {
        count: 2,
        turns: 3,
        concurrency: 2,
        answerForm: "{ type: scale, min: 1, max: 5 }",
      }),
    );
    const run = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(run.code).toBe(0);
    const annotations = [...readJsonFiles(join(dir, "out", "annotations")).values()];
    expect(annotations).toHaveLength(2);
    let answers = 0;
    for (const annotation of annotations) {
      const details = annotation.annotation_details as { valid: boolean; value: unknown; attempts?: number }[];
      expect(details.length).toBe((annotation.logs as unknown[]).length);
      for (const detail of details) {
        // Valid at the first attempt: the grammar allowed nothing else.
        expect(detail).toMatchObject({ valid: true });
        expect(detail).not.toHaveProperty("attempts");
        expect([1, 2, 3, 4, 5]).toContain(detail.value);
        answers++;
      }
    }
    expect(answers).toBeGreaterThanOrEqual(6);
  });

  it("runs the same experiment through the openai backend pointed at it", async () => {
    const dir = tempDir();
    const openaiModel = `  main:
    backend: openai
    options: { modelName: main, baseUrl: ${JSON.stringify(baseUrl)}, apiKey: ${API_KEY}, maxOutTokens: 24, maxRetries: 0 }
`;
    writeFileSync(join(dir, "experiment.yaml"), experimentYaml(openaiModel, { count: 2, turns: 3, concurrency: 2 }));
    const run = await runCli(["run", "experiment.yaml"], { cwd: dir });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Discussions: 2\/2 done, 0 failed/);
    expect(run.stdout).toMatch(/Annotations: 2\/2 done, 0 failed/);
    const discussions = [...readJsonFiles(join(dir, "out", "discussions")).values()];
    expect(discussions).toHaveLength(2);
    for (const discussion of discussions) {
      for (const key of DISCUSSION_KEYS) expect(discussion).toHaveProperty(key);
      const logs = discussion.logs as { model: string; text: string }[];
      expect(logs.filter((entry) => entry.model === "main").length).toBeGreaterThanOrEqual(3);
    }
    const annotations = [...readJsonFiles(join(dir, "out", "annotations")).values()];
    expect(annotations).toHaveLength(2);
    for (const annotation of annotations) for (const key of ANNOTATION_KEYS) expect(annotation).toHaveProperty(key);
    expect(JSON.stringify(discussions)).not.toContain(API_KEY);
  });
});

describe.skipIf(!haveTestModels())("syndisco serve's limits, over real HTTP", () => {
  let server: RunningCli;
  let baseUrl: string;

  beforeAll(async () => {
    const dir = tempDir();
    // One sequence and a queue of one: a third request at once finds the queue full. The body limit is the default.
    writeFileSync(join(dir, "serve.yaml"), `models:\n${storiesModelYaml("main")}`);
    server = startCli(["serve", "--config", "serve.yaml", "--port", "0", "--max-queue", "1"], { cwd: dir });
    const [, url] = await server.waitFor(/Serving main at (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    baseUrl = url ?? "";
  });

  afterAll(async () => {
    server?.child.kill("SIGTERM");
    const ended = await server?.exited;
    expect(ended?.code).toBe(0);
  });

  const completion = (body: Record<string, unknown>) =>
    fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "main", messages: [{ role: "user", content: "Once upon a time" }], ...body }),
    });

  it("answers a 40 MB body with 413 without parsing it, and keeps serving", async () => {
    const huge = JSON.stringify({ model: "main", messages: [{ role: "user", content: "a".repeat(40 * 1024 * 1024) }] });
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "request_too_large" } });
    expect((await completion({ max_tokens: 4 })).status).toBe(200);
  });

  it("generates at most the configured maxOutTokens however many max_tokens asks for, and says so", async () => {
    const response = await completion({ max_tokens: 1_000_000_000 });
    expect(response.status).toBe(200);
    expect(response.headers.get(CLAMPED_HEADER)).toBe("24");
    const body = (await response.json()) as { usage: { completion_tokens: number } };
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(24);
  });

  it("refuses requests beyond the model's sequences and queue with 429 and Retry-After", async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => completion({ max_tokens: 24 })));
    const statuses = responses.map((response) => response.status).sort();
    // One is served, one waits; the four that arrive while both places are taken are refused.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    for (const response of refused) expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused[0]?.json()).toMatchObject({ error: { code: "queue_full" } });
  });
});
