import type { FinishReason, ModelReply } from "@syndisco/core";
import { AttemptFailure } from "./attempt-failure.js";
import { quoteServerText } from "./redact.js";

/**
 * Checks a chat completion as SynDisco upstream does and takes the reply out of it.
 *
 * A body that is not a JSON object is a server fault worth retrying (a proxy's error page, a cut-off
 * body); a well-formed reply without usable text is not retried, since the server would answer the same.
 *
 * @param apiKey - the key the request carried, when it is a secret: a quoted body or refusal never shows it.
 * @throws AttemptFailure saying what is missing.
 */
export function readReply(completion: unknown, apiKey?: string): ModelReply {
  if (typeof completion !== "object" || completion === null || Array.isArray(completion)) {
    throw new AttemptFailure(
      "invalid-json",
      `the reply is not a JSON object (got ${describeBody(completion, apiKey)})`,
      {
        retriable: true,
      },
    );
  }
  const { choices, usage } = completion as { choices?: unknown; usage?: unknown };
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new AttemptFailure("no-choices", "the reply has no choices", { retriable: false });
  }
  const choice = choices[0] as { message?: unknown; finish_reason?: unknown } | null;
  const message = choice?.message as { content?: unknown; refusal?: unknown; tool_calls?: unknown } | undefined;
  if (typeof message !== "object" || message === null) {
    throw new AttemptFailure("no-message", "the reply's first choice has no message", { retriable: false });
  }
  const content = message.content;
  if (content === null || content === undefined) {
    throw new AttemptFailure(
      "null-content",
      `the reply has no text (content is null${nullContentCause(message, apiKey)})`,
      {
        retriable: false,
      },
    );
  }
  if (typeof content !== "string") {
    throw new AttemptFailure("unexpected", `the reply's content is ${typeof content}, not text`, { retriable: false });
  }
  if (!content.trim()) {
    throw new AttemptFailure("empty-text", "the reply's text is empty", { retriable: false });
  }
  return { text: content, ...readUsage(usage), finishReason: readFinishReason(choice?.finish_reason) };
}

function describeBody(body: unknown, apiKey: string | undefined): string {
  if (body === undefined || body === "") return "an empty body";
  if (typeof body === "string") return `text: ${quoteServerText(body, 120, apiKey)}`;
  if (Array.isArray(body)) return "a JSON array";
  return body === null ? "null" : `a JSON ${typeof body}`;
}

function nullContentCause(message: { refusal?: unknown; tool_calls?: unknown }, apiKey: string | undefined): string {
  if (typeof message.refusal === "string" && message.refusal) {
    return `; the model refused: ${quoteServerText(message.refusal, 200, apiKey)}`;
  }
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) return "; the model made a tool call";
  return "";
}

function readUsage(usage: unknown): Pick<ModelReply, "promptTokens" | "completionTokens" | "evaluatedPromptTokens"> {
  if (typeof usage !== "object" || usage === null) return {};
  const { prompt_tokens, completion_tokens, prompt_tokens_details } = usage as {
    prompt_tokens?: unknown;
    completion_tokens?: unknown;
    prompt_tokens_details?: { cached_tokens?: unknown } | null;
  };
  const cached = prompt_tokens_details?.cached_tokens;
  return {
    ...(isCount(prompt_tokens) ? { promptTokens: prompt_tokens } : {}),
    ...(isCount(completion_tokens) ? { completionTokens: completion_tokens } : {}),
    // Servers with a prefix cache report how much of the prompt they did not have to evaluate.
    ...(isCount(prompt_tokens) && isCount(cached)
      ? { evaluatedPromptTokens: Math.max(prompt_tokens - cached, 0) }
      : {}),
  };
}

function readFinishReason(reason: unknown): FinishReason {
  if (reason === "length") return "length";
  return typeof reason === "string" ? "stop" : "unknown";
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
