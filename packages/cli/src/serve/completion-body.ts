import type { ModelReply } from "@syndisco/core";

/** What every response body of one completion shares. */
export interface CompletionIdentity {
  /** `chatcmpl-…` */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model id the client asked for. */
  model: string;
}

function finishReason(reply: ModelReply): "stop" | "length" {
  return reply.finishReason === "length" ? "length" : "stop";
}

/** OpenAI's usage object; `cached_tokens` is the part of the prompt the model found in its cache. */
function usage(reply: ModelReply) {
  const promptTokens = reply.promptTokens ?? 0;
  const completionTokens = reply.completionTokens ?? 0;
  const evaluated = reply.evaluatedPromptTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(evaluated === undefined
      ? {}
      : { prompt_tokens_details: { cached_tokens: Math.max(promptTokens - evaluated, 0) } }),
  };
}

/** A whole `chat.completion` object. */
export function completionBody(identity: CompletionIdentity, reply: ModelReply) {
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.text },
        logprobs: null,
        finish_reason: finishReason(reply),
      },
    ],
    usage: usage(reply),
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed reply: the role, the text a word at a time, the finish
 * reason, and (when asked for) the usage. The backend returns whole replies, so these are sent once the reply
 * is generated.
 */
export function completionChunks(identity: CompletionIdentity, reply: ModelReply, includeUsage: boolean) {
  const chunk = (delta: Record<string, string>, finish: string | null) => ({
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  // Word-sized pieces that join back into exactly the reply.
  const pieces = reply.text ? (reply.text.match(/\s*\S+\s*/g) ?? [reply.text]) : [];
  const chunks: object[] = [
    chunk({ role: "assistant", content: "" }, null),
    ...pieces.map((piece) => chunk({ content: piece }, null)),
    chunk({}, finishReason(reply)),
  ];
  if (includeUsage) {
    chunks.push({
      id: identity.id,
      object: "chat.completion.chunk",
      created: identity.created,
      model: identity.model,
      choices: [],
      usage: usage(reply),
    });
  }
  return chunks;
}
