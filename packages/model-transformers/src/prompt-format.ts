import type { PreTrainedTokenizer } from "@huggingface/transformers";
import { type ChatMessage, formatPlainChat, formatRawChat, InputError } from "@syndisco/core";
import type { ChatTemplateOption } from "./options.js";

/** How a model turns chat messages into prompt text. */
export interface PromptFormat {
  /** Where the format comes from: the tokenizer's template, the user's Jinja template, or core's formats. */
  readonly kind: "tokenizer-template" | "custom-template" | "plain" | "raw";
  format(messages: readonly ChatMessage[]): string;
}

const SAMPLE_CHAT: ChatMessage[] = [
  { role: "system", content: "You are taking part in an online conversation" },
  { role: "user", content: "Hello" },
];

/**
 * Builds the prompt format that the `chatTemplate` option asks for. With `"auto"` and a tokenizer without a
 * chat template it falls back to SynDisco's plain format and calls `warn` once.
 */
export function createPromptFormat(
  option: ChatTemplateOption,
  tokenizer: PreTrainedTokenizer,
  warn: (message: string) => void,
): PromptFormat {
  if (option === "raw") return { kind: "raw", format: formatRawChat };
  if (option === "plain") return { kind: "plain", format: formatPlainChat };
  if (option === "auto") {
    if (tokenizer.chat_template) return templateFormat("tokenizer-template", tokenizer, null);
    warn(
      'the tokenizer has no chat template, so prompts use SynDisco\'s plain "System: …\\nUser: …\\nAssistant:" ' +
        'format; set chatTemplate to "plain" to silence this warning, or to a Jinja template',
    );
    return { kind: "plain", format: formatPlainChat };
  }
  const custom = templateFormat("custom-template", tokenizer, option);
  try {
    custom.format(SAMPLE_CHAT);
  } catch (error) {
    throw new InputError(`the Jinja template does not render: ${messageOf(error)}`, {
      field: "chatTemplate",
      fix: 'Fix the template, or use "auto", "plain" or "raw"',
    });
  }
  return custom;
}

function templateFormat(
  kind: "tokenizer-template" | "custom-template",
  tokenizer: PreTrainedTokenizer,
  template: string | null,
): PromptFormat {
  return {
    kind,
    format(messages) {
      try {
        return tokenizer.apply_chat_template(
          messages.map(({ role, content }) => ({ role, content })),
          { tokenize: false, add_generation_prompt: true, chat_template: template },
        ) as string;
      } catch (error) {
        // Some templates refuse a system message or two messages of the same role in a row.
        throw new InputError(`the chat template failed on this prompt: ${messageOf(error)}`, {
          field: "chatTemplate",
          fix: 'If the template rejects system messages, set chatTemplate to "plain" or to a Jinja template of your own',
        });
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
