import type { BatchItem, CustomBatchingPrioritizationStrategy, PrioritizedBatchItem } from "node-llama-cpp";

/**
 * How many times in a row a batch may be held back. Each hold costs a few promise turns (microseconds); a
 * sequence that decoded in the last batch queues its next token within about 30 of them. A sequence that does
 * not come (its reply is done, or it waits for a lock) delays the batch by at most this many.
 */
const MAX_HOLDS = 64;

/**
 * Keeps the sequences of one context decoding in the same batches.
 *
 * node-llama-cpp decodes, in a loop, whatever sequences have tokens queued when a batch starts, and a sequence
 * queues its next token a few promise turns after its batch ends. A prompt that starts while other sequences
 * are decoding (a request that arrived over HTTP, or a reply that stopped early) is evaluated in a batch of
 * its own, and from then on the loop alternates between the two groups: the late group queues while the other
 * decodes, so every batch holds one group only and batching gains nothing. Measured through `syndisco serve`
 * with 4 sequences, most batches then held a single sequence.
 *
 * {@link BatchGathering.strategy} is node-llama-cpp's batch prioritization hook: while fewer sequences are
 * queued than are generating, it returns an empty batch (at most {@link MAX_HOLDS} times in a row), which
 * makes the loop come back after a few promise turns, by when the others have queued. It never waits for a
 * timer or for I/O, so a single sequence is never slowed.
 */
export class BatchGathering {
  #generating: () => number = () => 0;
  #holds = 0;

  /** Tells the strategy how many sequences are generating now (those that will queue tokens again). */
  countGeneratingWith(generating: () => number): void {
    this.#generating = generating;
  }

  /** The `batching.itemPrioritizationStrategy` of the context. */
  readonly strategy: CustomBatchingPrioritizationStrategy = ({ items, size }) => {
    if (items.length < this.#generating() && this.#holds < MAX_HOLDS) {
      this.#holds++;
      return [];
    }
    this.#holds = 0;
    return shareBatch(items, size);
  };
}

/**
 * Splits a batch of `size` tokens fairly among the queued items: every item gets an equal share (a sequence
 * decoding a reply needs one token), and what some do not need goes to the others, higher evaluation
 * priority first. A long prompt is then evaluated over several batches alongside the others' replies.
 */
export function shareBatch(items: readonly BatchItem[], size: number): PrioritizedBatchItem[] {
  const shares = [...items]
    .sort((a, b) => b.evaluationPriority - a.evaluationPriority)
    .map((item) => ({ item, processAmount: 0 }));
  let free = size;
  let open = shares;
  while (free > 0 && open.length > 0) {
    const each = Math.max(1, Math.floor(free / open.length));
    for (const share of open) {
      const take = Math.min(share.item.tokens.length - share.processAmount, each, free);
      share.processAmount += take;
      free -= take;
      if (free === 0) break;
    }
    open = open.filter((share) => share.processAmount < share.item.tokens.length);
  }
  return shares.filter((share) => share.processAmount > 0);
}
