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
 * strings are sent (OpenAI refuses more), and empty ones are dropped.
 */
export function buildRequestBody(
  messages: readonly ChatMessage[],
  options: GenerateOptions,
  resolved: Pick<ResolvedOpenAIOptions, "modelName" | "temperature" | "maxTokensParam" | "extraBody">,
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
  };
}
