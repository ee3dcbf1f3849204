import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { type BaseModel, InputError } from "@syndisco/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { Admission } from "./admission.js";
import { parseChatRequest, responseSchemaOf, toChatMessages } from "./chat-request.js";
import { completionBody, completionChunks } from "./completion-body.js";
import { DEFAULT_SERVE_LIMITS, type ServeLimits } from "./limits.js";
import { openAIError } from "./openai-error.js";

/** The response header that says a request's `max_tokens` was lowered to the model's `maxOutTokens`. */
export const CLAMPED_HEADER = "x-syndisco-max-tokens-clamped";

/** Options of {@link createServeApp}. */
export interface ServeAppOptions {
  /** The models served, by the id clients name in `model`. */
  models: ReadonlyMap<string, BaseModel>;
  /** When set, every `/v1` request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Body size and queue limits; see {@link DEFAULT_SERVE_LIMITS}. */
  limits?: Partial<ServeLimits>;
}

/**
 * An OpenAI-compatible HTTP API over loaded models: `POST /v1/chat/completions` (also streamed) and
 * `GET /v1/models`. Requests go straight to the model's `prompt()`, so concurrent requests reach the
 * backend's parallel sequences. Errors have OpenAI's shape and 4xx codes for bad requests: 413 for a body over
 * the limit, 429 (with `Retry-After`) when a model's queue is full. `max_tokens` above the model's
 * `maxOutTokens` is lowered to it, and the response's {@link CLAMPED_HEADER} header says so. A `response_format`
 * becomes the prompt's `responseSchema` where the model can follow it, and is refused with 400 where it cannot.
 */
export function createServeApp({ models, apiKey, limits = {} }: ServeAppOptions): Hono {
  const { maxBodyBytes, maxQueue } = { ...DEFAULT_SERVE_LIMITS, ...limits };
  const app = new Hono();
  const started = Math.floor(Date.now() / 1000);
  const admissions = new Map([...models].map(([id, model]) => [id, new Admission(model.concurrency, maxQueue)]));

  app.get("/health", (c) => c.json({ status: "ok" }));

  if (apiKey !== undefined) {
    app.use("/v1/*", async (c, next) => {
      const header = c.req.header("authorization") ?? "";
      const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
      if (!sameSecret(given, apiKey)) {
        return c.json(
          openAIError("Incorrect API key provided. Send it as 'Authorization: Bearer <key>'.", {
            code: "invalid_api_key",
          }),
          401,
        );
      }
      await next();
    });
  }

  const modelObject = (id: string) => ({ id, object: "model", created: started, owned_by: "syndisco" });
  app.get("/v1/models", (c) => c.json({ object: "list", data: [...models.keys()].map(modelObject) }));
  app.get("/v1/models/:id", (c) => {
    const id = c.req.param("id");
    return models.has(id) ? c.json(modelObject(id)) : c.json(unknownModel(id, models), 404);
  });

  // Checked from Content-Length before a byte is read, else while reading: an oversized body is never held whole.
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          openAIError(`The request body is larger than this server's limit of ${maxBodyBytes} bytes.`, {
            code: "request_too_large",
          }),
          413,
        ),
    }),
  );

  app.post("/v1/chat/completions", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(openAIError("We could not parse the JSON body of your request.", { code: "invalid_json" }), 400);
    }
    const parsed = parseChatRequest(body);
    if ("error" in parsed) return c.json(parsed.error, 400);
    const { request } = parsed;
    const model = models.get(request.model);
    if (!model) return c.json(unknownModel(request.model, models), 404);
    const responseSchema = responseSchemaOf(request);
    // Dropping the format would hand the client free text where it expects JSON; say so instead.
    if (responseSchema && !model.supportsResponseSchema) {
      return c.json(
        openAIError(
          `The model '${request.model}' cannot follow response_format: its backend cannot constrain its replies. ` +
            "Leave response_format out and check the replies yourself, or serve the model with a backend that can (llamacpp).",
          { param: "response_format", code: "unsupported_parameter" },
        ),
        400,
      );
    }

    const asked = request.max_completion_tokens ?? request.max_tokens ?? undefined;
    // The config's maxOutTokens is the most a client may ask for; asking for more gets that much, and says so.
    const maxOutTokens = asked === undefined ? undefined : Math.min(asked, model.maxOutTokens);
    if (asked !== undefined && asked > model.maxOutTokens) c.header(CLAMPED_HEADER, String(model.maxOutTokens));
    const stop = typeof request.stop === "string" ? [request.stop] : (request.stop ?? undefined);
    const admission = admissions.get(request.model) as Admission;
    const leave = admission.enter();
    if (!leave) {
      c.header("retry-after", String(admission.retryAfterSeconds()));
      return c.json(
        openAIError(`The model '${request.model}' has too many requests waiting; try again later.`, {
          type: "rate_limit_error",
          code: "queue_full",
        }),
        429,
      );
    }
    let reply: Awaited<ReturnType<BaseModel["prompt"]>>;
    try {
      reply = await model.prompt(toChatMessages(request), {
        signal: c.req.raw.signal,
        ...(maxOutTokens !== undefined ? { maxOutTokens } : {}),
        ...(stop ? { stop } : {}),
        ...(request.seed != null ? { seed: request.seed } : {}),
        ...(request.prompt_cache_key ? { sessionKey: request.prompt_cache_key } : {}),
        ...(responseSchema ? { responseSchema } : {}),
      });
    } catch (error) {
      if (error instanceof InputError) {
        // A backend names its answer-form option when the schema cannot become a grammar.
        const param = error.field === "answerForm" ? "response_format" : null;
        return c.json(openAIError(error.message, { param }), 400);
      }
      return c.json(openAIError(`The model failed: ${(error as Error).message}`, { type: "server_error" }), 500);
    } finally {
      leave();
    }

    const identity = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: request.model };
    if (!request.stream) return c.json(completionBody(identity, reply));
    const chunks = completionChunks(identity, reply, request.stream_options?.include_usage === true);
    return streamSSE(c, async (stream) => {
      for (const chunk of chunks) await stream.writeSSE({ data: JSON.stringify(chunk) });
      await stream.writeSSE({ data: "[DONE]" });
    });
  });

  app.notFound((c) =>
    c.json(openAIError(`Unknown request URL: ${c.req.method} ${c.req.path}.`, { code: "unknown_url" }), 404),
  );
  app.onError((error, c) => c.json(openAIError(error.message, { type: "server_error" }), 500));
  return app;
}

function unknownModel(id: string, models: ReadonlyMap<string, BaseModel>) {
  return openAIError(`The model '${id}' does not exist. This server has: ${[...models.keys()].join(", ")}.`, {
    param: "model",
    code: "model_not_found",
  });
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
