import type { ChatWrapper, LlamaContextSequence, Token } from "node-llama-cpp";
import {
  type GenerationResult,
  type GenerationSettings,
  generateOptions,
  meterGeneration,
  type PreparedPrompt,
  type SequenceGenerator,
  sharedPrefixLength,
} from "./generation.js";
import type { NodeLlamaCpp } from "./node-llama-cpp.js";

/**
 * Generates chat replies through a chat template with node-llama-cpp's LlamaChat. Only the history given is
 * evaluated: no default system prompt is added (LlamaChatSession's long one overflows small contexts).
 */
export class ChatTemplateGenerator implements SequenceGenerator {
  readonly #sequence: LlamaContextSequence;
  readonly #chat: InstanceType<NodeLlamaCpp["LlamaChat"]>;

  constructor(llamaCpp: NodeLlamaCpp, sequence: LlamaContextSequence, chatWrapper: ChatWrapper) {
    this.#sequence = sequence;
    this.#chat = new llamaCpp.LlamaChat({ contextSequence: sequence, chatWrapper });
  }

  cachedPrefixLength(tokens: readonly Token[]): number {
    return sharedPrefixLength(this.#sequence, tokens);
  }

  async generate(prompt: PreparedPrompt, settings: GenerationSettings): Promise<GenerationResult> {
    if (prompt.input.kind !== "chat") throw new Error("a chat template needs a chat history");
    const measure = meterGeneration(this.#sequence);
    const { response, metadata } = await this.#chat.generateResponse(prompt.input.history, generateOptions(settings));
    return { text: response, ...measure(), hitMaxTokens: metadata.stopReason === "maxTokens" };
  }
}
