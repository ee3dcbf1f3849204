import { LcsScratch } from "./lcs.js";
import { rougeLF1 } from "./rouge-l.js";
import { diversityTokens, isBlankComment } from "./text.js";

/** The diversity of one discussion and how many comments it was computed over. */
export interface DiscussionDiversity {
  /** The comments compared: those whose text is not only whitespace and double quotes. */
  comments: number;
  /** 1 − the mean ROUGE-L F1 over all unordered pairs of those comments; `null` with fewer than two. */
  diversity: number | null;
}

/**
 * Computes discussions' diversity one after another, reusing one set of buffers: the token ids of a
 * discussion's comments go into one growing array, and the LCS buffers are shared by all pairs.
 */
export class DiversityCalculator {
  readonly #lcs = new LcsScratch();
  #tokens = new Int32Array(1024);
  #starts = new Int32Array(64);
  #lengths = new Int32Array(64);

  /** The diversity of a discussion whose comments (seed comments already left out) have these texts. */
  diversity(texts: readonly string[]): DiscussionDiversity {
    const comments = this.#encode(texts);
    if (comments.count < 2) return { comments: comments.count, diversity: null };
    let total = 0;
    let pairs = 0;
    for (let first = 0; first < comments.count; first++) {
      const firstLength = this.#lengths[first] as number;
      this.#lcs.setPattern(this.#tokens, this.#starts[first] as number, firstLength, comments.vocabularySize);
      for (let second = first + 1; second < comments.count; second++) {
        const secondLength = this.#lengths[second] as number;
        const common = this.#lcs.lengthWith(this.#tokens, this.#starts[second] as number, secondLength);
        total += rougeLF1(common, firstLength, secondLength);
        pairs += 1;
      }
    }
    return { comments: comments.count, diversity: 1 - total / pairs };
  }

  /** Tokenises the non-blank comments into dense token ids (per discussion), in order. */
  #encode(texts: readonly string[]): { count: number; vocabularySize: number } {
    const ids = new Map<string, number>();
    let count = 0;
    let used = 0;
    for (const text of texts) {
      if (isBlankComment(text)) continue;
      const tokens = diversityTokens(text);
      if (count === this.#starts.length) {
        this.#starts = grow(this.#starts, count * 2);
        this.#lengths = grow(this.#lengths, count * 2);
      }
      if (used + tokens.length > this.#tokens.length) {
        this.#tokens = grow(this.#tokens, Math.max(this.#tokens.length * 2, used + tokens.length));
      }
      this.#starts[count] = used;
      this.#lengths[count] = tokens.length;
      for (const token of tokens) {
        let id = ids.get(token);
        if (id === undefined) {
          id = ids.size;
          ids.set(token, id);
        }
        this.#tokens[used++] = id;
      }
      count += 1;
    }
    return { count, vocabularySize: ids.size };
  }
}

function grow(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(length);
  larger.set(array);
  return larger;
}
