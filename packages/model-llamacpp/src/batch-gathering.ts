import type {
  BatchItem,
  CustomBatchingDispatchSchedule,
  CustomBatchingPrioritizationStrategy,
  PrioritizedBatchItem,
} from "node-llama-cpp";

/**
 * How many times in a row a batch may be held back. Each hold costs a few promise turns (microseconds); a
 * sequence that decoded in the last batch queues its next token within about 30 of them. A sequence that does
 * not come (its reply is done, or it waits for a lock) delays the batch by at most this many.
 */
const MAX_HOLDS = 64;

/**
 * How long a round of generation waits at most for sequences that generated in the last round to come back,
 * as a multiple of how long they took lately, and within these bounds (ms). Over HTTP a client sends its next
 * request a round trip after its last reply (a millisecond or two on one machine, more under load).
 */
const RETURN_WAIT_FACTOR = 4;
const MIN_RETURN_WAIT_MS = 5;
const MAX_RETURN_WAIT_MS = 100;
/** A call that comes longer than this after the last reply ended is not a client coming back (ms). */
const RETURN_SAMPLE_LIMIT_MS = 1000;

/** What the sequences' batches held so far. */
export interface BatchStatistics {
  /** Batches decoded. */
  batches: number;
  /** Sequences decoded in those batches, added up (divided by `batches`: sequences per batch). */
  sequences: number;
}

/** A round of generation that waits for sequences to come back before its first batch. */
interface WaitingRound {
  dispatch: () => void;
  timer: NodeJS.Timeout;
}

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
 *
 * Holding cannot help a call that must first erase what its sequence held beyond the prompt's cached
 * beginning (every call that reuses a sequence): node-llama-cpp erases under the context's lock, which its
 * batch loop keeps until no sequence has a token queued, that is until every running reply has ended. So a
 * call that starts while others generate waits for all of them to finish. In process the calls of a round start
 * together, within microseconds of the loop going idle; over HTTP each client sends its next request a round
 * trip after its reply, so the first request to arrive started a round alone and the others waited for it
 * to end: the sequences split into groups that took turns, two sequences per batch instead of four.
 * {@link BatchGathering.dispatchSchedule} therefore starts a round (the first batch after the loop went idle)
 * only once as many sequences are generating as generated together lately, or after a short wait for them
 * (a few times how long they took to come back lately); while it waits the lock is free, so the calls that
 * arrive erase their sequences at once and join the round's first batch.
 */
export class BatchGathering {
  #generating: () => number = () => 0;
  #holds = 0;
  /** How many sequences generated together lately: the most since the last round that waited in vain. */
  #expected = 0;
  #waiting: WaitingRound | undefined;
  /** How long calls lately came after a reply ended (ms), a moving average. */
  #returnMs = MIN_RETURN_WAIT_MS / RETURN_WAIT_FACTOR;
  #lastEnd = Number.NEGATIVE_INFINITY;
  readonly #statistics: BatchStatistics = { batches: 0, sequences: 0 };

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
    const batch = shareBatch(items, size);
    this.#statistics.batches++;
    this.#statistics.sequences += batch.length;
    return batch;
  };

  /**
   * The `batching.dispatchSchedule` of the context: node-llama-cpp calls it when a sequence queues tokens and
   * no dispatch is pending. Dispatches on the next turn of the event loop (node-llama-cpp's own default) when
   * as many sequences generate as lately, else waits for them; see the class.
   */
  readonly dispatchSchedule: CustomBatchingDispatchSchedule = (dispatch) => {
    const generating = this.#generating();
    this.#expected = Math.max(this.#expected, generating);
    if (this.#waiting) clearTimeout(this.#waiting.timer);
    if (generating >= this.#expected) {
      this.#waiting = undefined;
      setImmediate(dispatch);
      return;
    }
    const waitMs = Math.min(MAX_RETURN_WAIT_MS, Math.max(MIN_RETURN_WAIT_MS, RETURN_WAIT_FACTOR * this.#returnMs));
    const timer = setTimeout(() => {
      // Those that did not come back are not expected any more (a client stopped, an experiment is ending).
      this.#waiting = undefined;
      this.#expected = this.#generating();
      dispatch();
    }, waitMs);
    this.#waiting = { dispatch, timer };
  };

  /** Tells the gathering that a call got its sequence and is about to queue its prompt. */
  callStarted(): void {
    const now = performance.now();
    // How long after a reply ended the next call came (a client's round trip); long pauses are not returns.
    const gap = now - this.#lastEnd;
    if (gap < RETURN_SAMPLE_LIMIT_MS) this.#returnMs = 0.8 * this.#returnMs + 0.2 * gap;
    const generating = this.#generating();
    this.#expected = Math.max(this.#expected, generating);
    const waiting = this.#waiting;
    if (!waiting || generating < this.#expected) return;
    clearTimeout(waiting.timer);
    this.#waiting = undefined;
    // The call queues its prompt within promise turns, before the next turn of the event loop.
    setImmediate(waiting.dispatch);
  }

  /** Tells the gathering that a call's reply ended and its sequence is free. */
  callEnded(): void {
    this.#lastEnd = performance.now();
  }

  /** What the batches held so far. */
  get statistics(): BatchStatistics {
    return { ...this.#statistics };
  }

  /**
   * Stops waiting and dispatches a waiting round at once (the model is being disposed: its queued tokens must
   * reach node-llama-cpp, which rejects them, or their calls would never end).
   */
  close(): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.#waiting = undefined;
    setImmediate(waiting.dispatch);
  }
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
