import type { PreTrainedTokenizer } from "@huggingface/transformers";

// Prompt tokens decoded in front of a reply, so that the reply's first token keeps its leading space.
const ANCHOR_TOKENS = 4;

/** Turns prompt text into token ids and generated ids back into reply text. */
export interface TokenCodec {
  /** The prompt's token ids, starting with the tokenizer's begin-of-sequence token(s) exactly once. */
  encodePrompt(text: string): number[];
  /** The text of `generated` as it continues `promptIds`. Special tokens are left out. */
  decodeReply(promptIds: readonly number[], generated: readonly number[]): string;
}

/**
 * Builds the codec of a tokenizer.
 *
 * Prompts are tokenized without the tokenizer's special tokens and then given its begin-of-sequence prefix
 * unless they already start with it: a plain prompt gets it as with a default tokenization, and a chat
 * template that writes `<s>` itself does not get it twice.
 */
export function createTokenCodec(tokenizer: PreTrainedTokenizer): TokenCodec {
  const prefix = specialPrefix(tokenizer);
  return {
    encodePrompt(text) {
      const ids = tokenizer.encode(text, { add_special_tokens: false });
      const hasPrefix = prefix.length > 0 && prefix.every((id, index) => ids[index] === id);
      return prefix.length === 0 || hasPrefix ? ids : [...prefix, ...ids];
    },
    decodeReply(promptIds, generated) {
      // Decoding the reply alone would drop the space that starts its first word (SentencePiece strips
      // a leading space), so decode it after the last prompt tokens and remove their text.
      const anchor = promptIds.slice(-ANCHOR_TOKENS);
      const options = { skip_special_tokens: true };
      const head = tokenizer.decode(anchor, options);
      const whole = tokenizer.decode([...anchor, ...generated], options);
      return whole.startsWith(head) ? whole.slice(head.length) : tokenizer.decode([...generated], options);
    },
  };
}

/** The ids a tokenizer puts before a text by default (usually just the begin-of-sequence token). */
function specialPrefix(tokenizer: PreTrainedTokenizer): number[] {
  const sample = "a";
  const plain = tokenizer.encode(sample, { add_special_tokens: false });
  const withSpecial = tokenizer.encode(sample);
  for (let start = 0; start + plain.length <= withSpecial.length; start += 1) {
    if (plain.every((id, index) => withSpecial[start + index] === id)) return withSpecial.slice(0, start);
  }
  return [];
}
