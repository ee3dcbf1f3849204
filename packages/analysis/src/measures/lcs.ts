const WORD_BITS = 32;

/**
 * Lengths of longest common subsequences of integer token sequences, computed bit-parallel (32 positions of
 * the first sequence per machine word, after Allison & Dix and Hyyrö) in buffers that grow as needed and are
 * reused: comparing one sequence with many others allocates nothing per pair.
 *
 * Usage: {@link setPattern} with the first sequence, then {@link lengthWith} for each second sequence.
 */
export class LcsScratch {
  /** For each token id, its index among the pattern's distinct tokens, or -1. */
  #slotOfToken = new Int32Array(0);
  /** Tokens whose slot is set, to clear them for the next pattern. */
  #patternTokens = new Int32Array(0);
  #distinctTokens = 0;
  /** Per distinct token of the pattern, `words` words: bit i set where the pattern holds that token. */
  #matchMasks = new Uint32Array(0);
  /** The state vector: after each token of the second sequence, its zero bits count the LCS so far. */
  #state = new Uint32Array(0);
  #words = 0;
  #patternLength = 0;

  /**
   * Sets the first sequence: `tokens[start]` to `tokens[start + length - 1]`, each an id from 0 to
   * `vocabularySize - 1`.
   */
  setPattern(tokens: ArrayLike<number>, start: number, length: number, vocabularySize: number): void {
    this.#clearPattern();
    if (this.#slotOfToken.length < vocabularySize) this.#slotOfToken = new Int32Array(vocabularySize).fill(-1);
    const words = Math.ceil(length / WORD_BITS);
    if (this.#patternTokens.length < length) this.#patternTokens = new Int32Array(length);
    if (this.#matchMasks.length < length * words) this.#matchMasks = new Uint32Array(length * words);
    if (this.#state.length < words) this.#state = new Uint32Array(words);
    this.#words = words;
    this.#patternLength = length;
    for (let position = 0; position < length; position++) {
      const token = tokens[start + position] as number;
      let slot = this.#slotOfToken[token] as number;
      if (slot < 0) {
        slot = this.#distinctTokens++;
        this.#slotOfToken[token] = slot;
        this.#patternTokens[slot] = token;
        this.#matchMasks.fill(0, slot * words, slot * words + words);
      }
      const word = slot * words + (position >>> 5);
      this.#matchMasks[word] = ((this.#matchMasks[word] as number) | (1 << (position & 31))) >>> 0;
    }
  }

  /** The length of the longest common subsequence of the pattern and `tokens[start..start + length)`. */
  lengthWith(tokens: ArrayLike<number>, start: number, length: number): number {
    const words = this.#words;
    if (words === 0 || length === 0) return 0;
    const state = this.#state;
    const masks = this.#matchMasks;
    state.fill(0xffffffff, 0, words);
    for (let index = start; index < start + length; index++) {
      const slot = this.#slotOfToken[tokens[index] as number] as number;
      if (slot < 0) continue; // no match: the state stays as it is
      const base = slot * words;
      let carry = 0;
      let borrow = 0;
      for (let word = 0; word < words; word++) {
        const v = state[word] as number;
        const u = (v & (masks[base + word] as number)) >>> 0;
        const sum = v + u + carry;
        const difference = v - u - borrow;
        carry = sum > 0xffffffff ? 1 : 0;
        borrow = difference < 0 ? 1 : 0;
        state[word] = ((sum >>> 0) | (difference >>> 0)) >>> 0;
      }
    }
    let common = 0;
    for (let word = 0; word < words; word++) {
      const used = word === words - 1 ? this.#patternLength - word * WORD_BITS : WORD_BITS;
      const usedBits = used === WORD_BITS ? 0xffffffff : (1 << used) - 1;
      common += popCount(~(state[word] as number) & usedBits);
    }
    return common;
  }

  #clearPattern(): void {
    for (let slot = 0; slot < this.#distinctTokens; slot++) {
      this.#slotOfToken[this.#patternTokens[slot] as number] = -1;
    }
    this.#distinctTokens = 0;
  }
}

function popCount(value: number): number {
  let bits = value >>> 0;
  bits -= (bits >>> 1) & 0x55555555;
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
