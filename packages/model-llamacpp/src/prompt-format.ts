import { type ChatMessage, formatPlainChat, formatRawChat, InputError } from "@syndisco/core";
import type { ChatHistoryItem, ChatWrapper, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { ChatTemplateGenerator } from "./chat-generator.js";
import type { PreparedPrompt, SequenceGenerator } from "./generation.js";
import type { NodeLlamaCpp } from "./node-llama-cpp.js";
import type { ChatTemplateOption } from "./options.js";
import { TextCompletionGenerator } from "./text-generator.js";

/**
 * Where a model's prompt format comes from: the GGUF's chat template, the user's Jinja template, or one of
 * core's formats (`plain`: `System: …\nUser: …\nAssistant:`; `raw`: the contents alone).
 */
export type PromptFormatKind = "gguf-template" | "custom-template" | "plain" | "raw";

/** How a model turns chat messages into what it evaluates, and how it generates from that. */
export interface PromptFormat {
  readonly kind: PromptFormatKind;
  /** node-llama-cpp's name for the chat wrapper in use (for example `JinjaTemplate`); none for plain text. */
  readonly wrapperName: string | undefined;
  prepare(messages: readonly ChatMessage[]): PreparedPrompt;
  createGenerator(sequence: LlamaContextSequence): SequenceGenerator;
}

const SAMPLE_CHAT: ChatMessage[] = [
  { role: "system", content: "You are taking part in an online conversation" },
  { role: "user", content: "Hello" },
];

/**
 * Builds the prompt format that the `chatTemplate` option asks for. With `"auto"` and a GGUF without a chat
 * template it uses core's plain format and calls `warn` once, instead of node-llama-cpp's guess (a Llama 2
 * format whose long default system prompt overflows small contexts).
 */
export function createPromptFormat(
  llamaCpp: NodeLlamaCpp,
  model: LlamaModel,
  option: ChatTemplateOption,
  warn: (message: string) => void,
): PromptFormat {
  if (option === "raw") return textFormat("raw", llamaCpp, model, formatRawChat);
  if (option === "plain") return textFormat("plain", llamaCpp, model, formatPlainChat);
  if (option === "auto") {
    const wrapper = model.fileInfo.metadata.tokenizer?.chat_template
      ? llamaCpp.resolveChatWrapper(model, { warningLogs: false })
      : null;
    if (wrapper) return templateFormat("gguf-template", llamaCpp, model, wrapper);
    warn(
      'the GGUF has no chat template, so prompts use SynDisco\'s plain "System: …\\nUser: …\\nAssistant:" format; ' +
        'set chatTemplate to "plain" to silence this warning, or to a Jinja template',
    );
    return textFormat("plain", llamaCpp, model, formatPlainChat);
  }
  const wrapper = customJinjaWrapper(llamaCpp, model, option);
  try {
    renderTemplate(llamaCpp, wrapper, model, SAMPLE_CHAT.map(toHistoryItem));
  } catch (error) {
    throw new InputError(`the Jinja chat template does not render a system and a user message: ${messageOf(error)}`, {
      field: "chatTemplate",
      fix: 'Fix the template, or use "auto", "plain" or "raw"',
    });
  }
  return templateFormat("custom-template", llamaCpp, model, wrapper);
}

function textFormat(
  kind: "plain" | "raw",
  llamaCpp: NodeLlamaCpp,
  model: LlamaModel,
  render: (messages: readonly ChatMessage[]) => string,
): PromptFormat {
  const beginning = beginningTokens(model);
  return {
    kind,
    wrapperName: undefined,
    prepare(messages) {
      const text = render(messages);
      // Tokenized as llama.cpp and Hugging Face tokenizers do (with SentencePiece's leading space), so that a
      // prompt gives the same tokens, and greedy decoding the same text, on every backend. The generator adds
      // the beginning-of-text token itself.
      const tokens = model.tokenize(text, false);
      const evaluated = [...beginning, ...tokens];
      return { text, tokenCount: evaluated.length, tokens: evaluated, input: { kind: "text", tokens } };
    },
    createGenerator: (sequence) => new TextCompletionGenerator(llamaCpp, sequence),
  };
}

function templateFormat(
  kind: "gguf-template" | "custom-template",
  llamaCpp: NodeLlamaCpp,
  model: LlamaModel,
  wrapper: ChatWrapper,
): PromptFormat {
  return {
    kind,
    wrapperName: wrapper.wrapperName,
    prepare(messages) {
      const history = messages.map(toHistoryItem);
      let rendered: { tokens: Token[]; text: string };
      try {
        rendered = renderTemplate(llamaCpp, wrapper, model, history);
      } catch (error) {
        throw new InputError(`the chat template failed on this prompt: ${messageOf(error)}`, {
          field: "chatTemplate",
          fix: 'If the template rejects some messages (a system message, two of one role in a row), set chatTemplate to "plain" or to a Jinja template of your own',
        });
      }
      return {
        text: rendered.text,
        tokenCount: rendered.tokens.length,
        tokens: rendered.tokens,
        input: { kind: "chat", history },
      };
    },
    createGenerator: (sequence) => new ChatTemplateGenerator(llamaCpp, sequence, wrapper),
  };
}

/**
 * What LlamaChat evaluates for a history (the messages and the opening of the model's reply): its tokens, and
 * its text as the template wrote it, with built-in special tokens (such as the beginning-of-text token)
 * spelled as the model's vocabulary spells them (`<s>`, `<|begin_of_text|>`, …).
 */
function renderTemplate(llamaCpp: NodeLlamaCpp, wrapper: ChatWrapper, model: LlamaModel, history: ChatHistoryItem[]) {
  const { contextText } = wrapper.generateContextState({ chatHistory: [...history, { type: "model", response: [] }] });
  const text = contextText.values
    .map((value) => {
      if (typeof value === "string") return value;
      if (value instanceof llamaCpp.SpecialTokensText) return value.value;
      return model.detokenize(value.tokenize(model.tokenizer), true);
    })
    .join("");
  return { tokens: contextText.tokenize(model.tokenizer), text };
}

function customJinjaWrapper(llamaCpp: NodeLlamaCpp, model: LlamaModel, template: string): ChatWrapper {
  try {
    return llamaCpp.resolveChatWrapper(model, {
      type: "jinjaTemplate",
      customWrapperSettings: { jinjaTemplate: { template } },
      fallbackToOtherWrappersOnJinjaError: false,
      warningLogs: false,
    }) as ChatWrapper;
  } catch (error) {
    throw new InputError(`the Jinja chat template does not load: ${messageOf(error)}`, {
      field: "chatTemplate",
      fix: 'Fix the template, or use "auto", "plain" or "raw"',
    });
  }
}

function toHistoryItem({ role, content }: ChatMessage): ChatHistoryItem {
  if (role === "assistant") return { type: "model", response: [content] };
  return { type: role, text: content };
}

/** The beginning-of-text token that node-llama-cpp puts before a completion, if any (mirrors its tokenizer rules). */
function beginningTokens(model: LlamaModel): Token[] {
  const bos = model.tokens.bos;
  if (bos == null) return [];
  const vocabulary = String(model.vocabularyType);
  if (vocabulary === "wpm") return [bos];
  if (vocabulary === "rwkv" || vocabulary === "ugm") return [];
  return model.tokens.shouldPrependBosToken ? [bos] : [];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
