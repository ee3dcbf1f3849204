/** A slot borrowed from a {@link SequencePool}; give it back with `release()` (once; later calls do nothing). */
export interface PoolLease<Slot> {
  readonly slot: Slot;
  release(): void;
}

interface PoolEntry<Slot> {
  readonly slot: Slot;
  /** The session whose prompt the slot evaluated last (its KV cache still holds that prompt). */
  sessionKey: string | undefined;
  /** When the slot was last given back, on the pool's own clock; -1 when never used. */
  releasedAt: number;
}

interface Waiter<Slot> {
  grant(entry: PoolEntry<Slot>): void;
  fail(reason: unknown): void;
}

/** What {@link SequencePool.acquire} takes. */
export interface AcquireOptions<Slot> {
  /** The conversation this call continues (one actor in one discussion). */
  sessionKey?: string | undefined;
  /**
   * How many leading tokens of this call's prompt a slot's KV cache holds already. Without it, every slot
   * counts as holding none.
   */
  cachedPrefix?: ((slot: Slot) => number) | undefined;
  /** Stops waiting; the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Lends a fixed set of slots (one per context sequence) to concurrent calls. A call that finds no free slot
 * waits its turn (first come, first served). Among free slots a call gets, in this order of preference:
 *
 * 1. the slot that last served its `sessionKey`: its cache holds that conversation's previous prompt;
 * 2. a slot never used, so that no other conversation's cache is overwritten while there is room;
 * 3. the slot whose cache holds the longest beginning of its prompt (for example the system prompt that
 *    all actors of an experiment share), so that the least is evaluated again;
 * 4. the slot idle longest, which keeps the more recently used caches for their sessions.
 *
 * Taking the longest prefix before a never-used slot would look cheaper for one call, but then every actor
 * of a discussion would take the previous speaker's slot and no actor would keep its own cache.
 */
export class SequencePool<Slot> {
  readonly #free: PoolEntry<Slot>[];
  readonly #waiters: Waiter<Slot>[] = [];
  #clock = 0;
  #closedReason: Error | undefined;

  constructor(slots: readonly Slot[]) {
    if (slots.length === 0) throw new Error("a sequence pool needs at least one slot");
    this.#free = slots.map((slot) => ({ slot, sessionKey: undefined, releasedAt: -1 }));
  }

  /** How many calls wait for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** How many slots are free. */
  get available(): number {
    return this.#free.length;
  }

  /** Borrows a slot, waiting for one if all are busy; see the class for which free slot a call gets. */
  acquire({ sessionKey, cachedPrefix, signal }: AcquireOptions<Slot> = {}): Promise<PoolLease<Slot>> {
    if (this.#closedReason) return Promise.reject(this.#closedReason);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const entry = this.#takeFree(sessionKey, cachedPrefix);
    if (entry) return Promise.resolve(this.#lease(entry, sessionKey));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#removeWaiter(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter<Slot> = {
        grant: (granted) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#lease(granted, sessionKey));
        },
        fail: (reason) => {
          signal?.removeEventListener("abort", onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Rejects every waiting call and every later `acquire` with `reason`. */
  close(reason: Error): void {
    this.#closedReason = reason;
    for (const waiter of this.#waiters.splice(0)) waiter.fail(reason);
  }

  #takeFree(
    sessionKey: string | undefined,
    cachedPrefix: ((slot: Slot) => number) | undefined,
  ): PoolEntry<Slot> | undefined {
    if (this.#free.length === 0) return undefined;
    const rank = (entry: PoolEntry<Slot>): SlotRank => ({
      sameSession: sessionKey !== undefined && entry.sessionKey === sessionKey,
      neverUsed: entry.releasedAt < 0,
      prefix: cachedPrefix && entry.releasedAt >= 0 ? cachedPrefix(entry.slot) : 0,
      releasedAt: entry.releasedAt,
    });
    let chosen = 0;
    let best = rank(this.#free[0] as PoolEntry<Slot>);
    for (let index = 1; index < this.#free.length; index++) {
      const candidate = rank(this.#free[index] as PoolEntry<Slot>);
      if (ranksHigher(candidate, best)) {
        chosen = index;
        best = candidate;
      }
    }
    return this.#free.splice(chosen, 1)[0];
  }

  #lease(entry: PoolEntry<Slot>, sessionKey: string | undefined): PoolLease<Slot> {
    let released = false;
    return {
      slot: entry.slot,
      release: () => {
        if (released) return;
        released = true;
        entry.sessionKey = sessionKey;
        entry.releasedAt = this.#clock++;
        this.#giveBack(entry);
      },
    };
  }

  #giveBack(entry: PoolEntry<Slot>): void {
    const next = this.#waiters.shift();
    if (next) next.grant(entry);
    else this.#free.push(entry);
  }

  #removeWaiter(waiter: Waiter<Slot>): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
  }
}

/** How well a free slot suits a call, compared in the order that {@link SequencePool} describes. */
interface SlotRank {
  sameSession: boolean;
  neverUsed: boolean;
  prefix: number;
  releasedAt: number;
}

function ranksHigher(candidate: SlotRank, best: SlotRank): boolean {
  if (candidate.sameSession !== best.sameSession) return candidate.sameSession;
  if (candidate.neverUsed !== best.neverUsed) return candidate.neverUsed;
  if (candidate.prefix !== best.prefix) return candidate.prefix > best.prefix;
  return candidate.releasedAt < best.releasedAt;
}
