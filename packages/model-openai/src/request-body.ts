import type { ChatMessage, GenerateOptions } from "@syndisco/core";
import { MAX_STOP_STRINGS, type ResolvedOpenAIOptions } from "./options.js";

/** The JSON body of one `POST /chat/completions` request. */
export type ChatCompletionBody = Record<string, unknown> & {
  model: string;
  messages: { role: ChatMessage["role"]; content: string }[];
};

/**
 * Builds the request body for one prompt. `extraBody` comes first so that the fields this backend owns
 * win; its `seed` is used unless the prompt brings its own. Only the first {@link MAX_STOP_STRINGS} stop
 * strings are sent (OpenAI refuses more), and empty ones are dropped. A prompt's `responseSchema` is sent
 * as a strict JSON-schema `response_format` unless `structuredOutputs` is off, and its `sessionKey` as
 * `prompt_cache_key` unless `promptCacheKey` is off.
 */
export function buildRequestBody(
  messages: readonly ChatMessage[],
  options: GenerateOptions,
  resolved: Pick<
    ResolvedOpenAIOptions,
    "modelName" | "temperature" | "maxTokensParam" | "extraBody" | "structuredOutputs" | "promptCacheKey"
  >,
): ChatCompletionBody {
  const stop = options.stop.filter((text) => text.length > 0).slice(0, MAX_STOP_STRINGS);
  return {
    ...resolved.extraBody,
    model: resolved.modelName,
    messages: messages.map(({ role, content }) => ({ role, content })),
    [resolved.maxTokensParam]: options.maxOutTokens,
    temperature: resolved.temperature,
    ...(stop.length > 0 ? { stop } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(sendsResponseSchema(options, resolved) ? { response_format: jsonSchemaFormat(options.responseSchema) } : {}),
    ...(resolved.promptCacheKey && options.sessionKey ? { prompt_cache_key: options.sessionKey } : {}),
  };
}

/** Whether the request for a prompt asks the server to hold the reply to the prompt's JSON schema. */
export function sendsResponseSchema(
  options: Pick<GenerateOptions, "responseSchema">,
  resolved: Pick<ResolvedOpenAIOptions, "structuredOutputs">,
): options is { responseSchema: Record<string, unknown> } {
  return resolved.structuredOutputs && options.responseSchema !== undefined;
}

/**
 * OpenAI's structured-output `response_format`. `strict` makes OpenAI enforce the schema exactly; core's
 * answer schemas meet its rules (every property required, no additional properties).
 */
function jsonSchemaFormat(schema: Record<string, unknown>) {
  return { type: "json_schema", json_schema: { name: "answer", schema, strict: true } };
}
