import type { ChatMessage } from "./messages.js";

const ROLE_LABELS = { system: "System", user: "User", assistant: "Assistant" } as const;

/**
 * SynDisco's fallback prompt for models without a chat template: `System: …\nUser: …\nAssistant:`.
 * Backends use it (with one warning) when a model ships no template, so every backend prompts such a model
 * with the same text.
 */
export function formatPlainChat(messages: readonly ChatMessage[]): string {
  const lines = messages.map((message) => `${ROLE_LABELS[message.role]}: ${message.content}`);
  return `${lines.join("\n")}\n${ROLE_LABELS.assistant}:`;
}

/**
 * The messages' contents alone, joined by newlines: a plain text completion. Useful for base models and
 * for checking a backend against a known completion.
 */
export function formatRawChat(messages: readonly ChatMessage[]): string {
  return messages.map((message) => message.content).join("\n");
}
