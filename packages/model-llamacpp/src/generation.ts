import type { ChatHistoryItem, LlamaContextSequence, LlamaGrammar, Token } from "node-llama-cpp";

/** A prompt ready for one sequence: what is evaluated, and how long it is. */
export interface PreparedPrompt {
  /** The prompt as the model sees it (for a chat template: with its special tokens written out). */
  readonly text: string;
  /** Tokens evaluated for the prompt, the beginning-of-text token included. */
  readonly tokenCount: number;
  /**
   * The prompt's tokens as they stand in a sequence once evaluated (the beginning-of-text token included),
   * to find the sequence whose cache already holds the longest part of them.
   */
  readonly tokens: readonly Token[];
  /** What the generator takes: tokens for a text completion, or a chat history for a chat template. */
  readonly input: { kind: "text"; tokens: Token[] } | { kind: "chat"; history: ChatHistoryItem[] };
}

/** Sampling settings of one call. */
export interface SamplingSettings {
  temperature: number;
  topP: number;
  topK: number;
  /** 1 turns the penalty off. */
  repeatPenalty: number;
  seed: number | undefined;
}

/** Everything one generation needs besides the prompt. */
export interface GenerationSettings {
  /** The most tokens to generate (already capped to what fits in the context). */
  maxTokens: number;
  stop: readonly string[];
  /** The grammar the reply must follow (a JSON answer form), if any. */
  grammar: LlamaGrammar | undefined;
  signal: AbortSignal | undefined;
  sampling: SamplingSettings;
}

/** What one generation produced. */
export interface GenerationResult {
  text: string;
  /** Prompt tokens evaluated by this call; the rest were already in the sequence's KV cache. */
  evaluatedPromptTokens: number;
  /** Tokens the model sampled, a stop string's or end-of-text token included. */
  completionTokens: number;
  /** Whether `maxTokens` ended the generation. */
  hitMaxTokens: boolean;
}

/** Generates replies on one context sequence, one call at a time. */
export interface SequenceGenerator {
  generate(prompt: PreparedPrompt, settings: GenerationSettings): Promise<GenerationResult>;
  /** How many of `tokens`, from the first, the sequence's KV cache holds already (they need no evaluation). */
  cachedPrefixLength(tokens: readonly Token[]): number;
}

/** How many leading tokens the sequence's KV cache shares with `tokens`. */
export function sharedPrefixLength(sequence: LlamaContextSequence, tokens: readonly Token[]): number {
  const cached = sequence.contextTokens;
  const limit = Math.min(cached.length, tokens.length);
  let length = 0;
  while (length < limit && cached[length] === tokens[length]) length++;
  return length;
}

/**
 * Reads what a generation evaluated from the sequence's token meter, which counts tokens decoded without
 * logits as input and tokens decoded with logits (one per sampled token) as output. The prompt's last token
 * is always decoded with logits, so the evaluated prompt is the input count plus one.
 */
export function meterGeneration(sequence: LlamaContextSequence) {
  const before = sequence.tokenMeter.getState();
  return () => {
    const { usedInputTokens, usedOutputTokens } = sequence.tokenMeter.diff(before);
    return { evaluatedPromptTokens: usedInputTokens + 1, completionTokens: usedOutputTokens };
  };
}

/**
 * The options that LlamaChat's and LlamaCompletion's generate calls share, from a call's settings. A repeat
 * penalty of 1 turns the penalty off.
 */
export function generateOptions({ maxTokens, stop, grammar, signal, sampling }: GenerationSettings) {
  return {
    maxTokens,
    customStopTriggers: stop.filter(Boolean),
    temperature: sampling.temperature,
    topP: sampling.topP,
    topK: sampling.topK,
    repeatPenalty: sampling.repeatPenalty === 1 ? (false as const) : { penalty: sampling.repeatPenalty },
    ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
    ...(grammar ? { grammar } : {}),
    ...(signal ? { signal } : {}),
  };
}
