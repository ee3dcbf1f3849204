import type { LlamaContextSequence, Token } from "node-llama-cpp";
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

/** Generates plain text completions (SynDisco's plain and raw formats) with node-llama-cpp's LlamaCompletion. */
export class TextCompletionGenerator implements SequenceGenerator {
  readonly #sequence: LlamaContextSequence;
  readonly #completion: InstanceType<NodeLlamaCpp["LlamaCompletion"]>;

  constructor(llamaCpp: NodeLlamaCpp, sequence: LlamaContextSequence) {
    this.#sequence = sequence;
    this.#completion = new llamaCpp.LlamaCompletion({ contextSequence: sequence });
  }

  cachedPrefixLength(tokens: readonly Token[]): number {
    return sharedPrefixLength(this.#sequence, tokens);
  }

  async generate(prompt: PreparedPrompt, settings: GenerationSettings): Promise<GenerationResult> {
    if (prompt.input.kind !== "text") throw new Error("a text completion needs a text prompt");
    const measure = meterGeneration(this.#sequence);
    const { response, metadata } = await this.#completion.generateCompletionWithMeta(prompt.input.tokens, {
      // The caller has checked that the prompt fits; never drop its beginning to make room.
      disableContextShift: true,
      contextShiftSize: 1,
      ...generateOptions(settings),
    });
    return { text: response, ...measure(), hitMaxTokens: metadata.stopReason === "maxTokens" };
  }
}
