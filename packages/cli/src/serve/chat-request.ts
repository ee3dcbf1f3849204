import type { ChatMessage } from "@syndisco/core";
import { z } from "zod";
import { formatFieldPath } from "../config/describe-issue.js";
import { type OpenAIErrorBody, openAIError } from "./openai-error.js";

const textPartSchema = z.looseObject({ type: z.literal("text"), text: z.string() });

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant"], {
    error: "role must be system, developer, user or assistant (tools are not supported)",
  }),
  content: z
    .union([z.string(), z.array(textPartSchema)], { error: "content must be text or a list of text parts" })
    .nullish(),
});

// OpenAI's three response formats. A json_schema's `schema` is required here: without one there is nothing
// to hold the reply to.
const responseFormatSchema = z.discriminatedUnion(
  "type",
  [
    z.looseObject({ type: z.literal("text") }),
    z.looseObject({ type: z.literal("json_object") }),
    z.looseObject({
      type: z.literal("json_schema"),
      json_schema: z.looseObject({
        name: z.string().min(1, { error: "name must not be empty" }),
        schema: z.record(z.string(), z.unknown(), { error: "schema must be a JSON schema object" }),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: "type must be text, json_object or json_schema" },
);

/**
 * The body of `POST /v1/chat/completions`, as OpenAI documents it. Fields this server does not use (such as
 * `top_p` or `user`) are accepted and ignored, as OpenAI-compatible servers do.
 */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.int().min(1).nullish(),
  max_completion_tokens: z.int().min(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.int().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  n: z.literal(1, { error: "this server returns one choice per request; n must be 1" }).nullish(),
  // OpenAI's key for routing a conversation's requests to its cached prompt; here, the model's session key.
  prompt_cache_key: z.string().nullish(),
  response_format: responseFormatSchema.nullish(),
});

/** A validated chat completion request. */
export type ChatRequest = z.output<typeof chatRequestSchema>;

/** Validates a request body; the error is OpenAI-style, naming the parameter. */
export function parseChatRequest(body: unknown): { request: ChatRequest } | { error: OpenAIErrorBody } {
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return { request: result.data };
  const issue = result.error.issues[0];
  const param = issue ? formatFieldPath(issue.path) : "";
  const problem = issue?.message ?? "invalid request";
  return {
    error: openAIError(param ? `Invalid value for '${param}': ${problem}` : `Invalid request: ${problem}`, {
      param: param || null,
      code: "invalid_value",
    }),
  };
}

/** The request's messages as core's chat messages (`developer` is a system message). */
export function toChatMessages(request: ChatRequest): ChatMessage[] {
  return request.messages.map((message) => ({
    role: message.role === "developer" ? "system" : message.role,
    content:
      typeof message.content === "string" ? message.content : (message.content ?? []).map((part) => part.text).join(""),
  }));
}

/**
 * The JSON schema the request's `response_format` holds the reply to: a `json_schema`'s schema, any JSON object
 * for `json_object`, nothing for `text` or no format.
 */
export function responseSchemaOf(request: ChatRequest): Record<string, unknown> | undefined {
  const format = request.response_format;
  if (format?.type === "json_schema") return format.json_schema.schema;
  // `additionalProperties` lets a grammar made from it hold any object (a bare object type allows only `{}`).
  if (format?.type === "json_object") return { type: "object", additionalProperties: true };
  return undefined;
}
