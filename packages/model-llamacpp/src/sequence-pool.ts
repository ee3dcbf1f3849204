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

/**
 * Lends a fixed set of slots (one per context sequence) to concurrent calls. A call that finds no free slot
 * waits its turn (first come, first served). Among free slots a call gets the one that last served its
 * `sessionKey`, so that the cached prefix of that conversation is reused; otherwise the one idle longest,
 * which keeps the more recently used caches for their sessions.
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

  /**
   * Borrows a slot, waiting for one if all are busy.
   *
   * @param sessionKey - the conversation this call continues, to reuse its slot's cache.
   * @param signal - stops waiting; the promise then rejects with the signal's reason.
   */
  acquire(sessionKey?: string, signal?: AbortSignal): Promise<PoolLease<Slot>> {
    if (this.#closedReason) return Promise.reject(this.#closedReason);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const entry = this.#takeFree(sessionKey);
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

  #takeFree(sessionKey: string | undefined): PoolEntry<Slot> | undefined {
    if (this.#free.length === 0) return undefined;
    let chosen = 0;
    for (let index = 0; index < this.#free.length; index++) {
      const entry = this.#free[index] as PoolEntry<Slot>;
      if (sessionKey !== undefined && entry.sessionKey === sessionKey) {
        chosen = index;
        break;
      }
      if (entry.releasedAt < (this.#free[chosen] as PoolEntry<Slot>).releasedAt) chosen = index;
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
