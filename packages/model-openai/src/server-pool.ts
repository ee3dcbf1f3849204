/** The longest a failing server is left alone before it is tried again. */
export const MAX_COOLDOWN_MS = 30_000;

/** What the pool knows about one server. */
export interface ServerState {
  /** The server's base URL, as the user gave it (normalised). */
  readonly url: string;
  /** Its position in the user's list. */
  readonly index: number;
  /** Failures in a row since it last answered; sets the length of the next cool-down. */
  failures: number;
  /** When (ms since the epoch) the server may be tried again; 0 when it is up. */
  downUntil: number;
}

/** Options of {@link ServerPool}. */
export interface ServerPoolOptions {
  /** The first cool-down after a failure, in ms; each further failure in a row doubles it. */
  retryDelayMs: number;
  /** The clock; tests pass their own. */
  now?: () => number;
  /** A number in [0, 1) for jitter; tests pass their own. */
  random?: () => number;
}

/** The server a request should go to, and how long to wait first (0 unless every server is cooling down). */
export interface ServerChoice {
  server: ServerState;
  waitMs: number;
}

/**
 * Spreads requests over several servers in turn, skipping a server that failed until its cool-down is over.
 * The cool-down grows exponentially with failures in a row, so a server that stays down is asked rarely,
 * and it is forgotten the moment the server answers again.
 */
export class ServerPool {
  readonly servers: readonly ServerState[];
  readonly #retryDelayMs: number;
  readonly #now: () => number;
  readonly #random: () => number;
  #cursor = 0;

  constructor(urls: readonly string[], { retryDelayMs, now = Date.now, random = Math.random }: ServerPoolOptions) {
    if (urls.length === 0) throw new RangeError("a server pool needs at least one URL");
    this.servers = urls.map((url, index) => ({ url, index, failures: 0, downUntil: 0 }));
    this.#retryDelayMs = retryDelayMs;
    this.#now = now;
    this.#random = random;
  }

  /**
   * The next server in round-robin order that is not cooling down. When all are cooling down, the one
   * that comes back first, with the time to wait for it.
   */
  next(): ServerChoice {
    const now = this.#now();
    const count = this.servers.length;
    for (let step = 0; step < count; step += 1) {
      const server = this.servers[(this.#cursor + step) % count] as ServerState;
      if (server.downUntil <= now) {
        this.#cursor = (server.index + 1) % count;
        return { server, waitMs: 0 };
      }
    }
    const earliest = this.servers.reduce((best, server) => (server.downUntil < best.downUntil ? server : best));
    return { server: earliest, waitMs: earliest.downUntil - now };
  }

  /**
   * Records a failure and starts the server's cool-down: `retryAfterMs` when the server asked for it,
   * otherwise exponential backoff with jitter. A failure seen while the server is already cooling down
   * (a request that was in flight when another one failed) does not lengthen the backoff.
   *
   * @returns how long, in ms, the server will now be skipped.
   */
  markDown(server: ServerState, retryAfterMs?: number): number {
    const now = this.#now();
    if (server.downUntil > now) {
      server.downUntil = Math.max(server.downUntil, now + (retryAfterMs ?? 0));
      return server.downUntil - now;
    }
    server.failures += 1;
    server.downUntil = now + (retryAfterMs ?? this.#backoff(server.failures));
    return server.downUntil - now;
  }

  /**
   * Records that the server answered.
   *
   * @returns whether it had been failing before.
   */
  markUp(server: ServerState): boolean {
    const wasFailing = server.failures > 0;
    server.failures = 0;
    server.downUntil = 0;
    return wasFailing;
  }

  #backoff(failures: number): number {
    const nominal = Math.min(this.#retryDelayMs * 2 ** (failures - 1), MAX_COOLDOWN_MS);
    // Up to 25% less, so that clients that failed together do not all come back at the same instant.
    return nominal * (1 - this.#random() * 0.25);
  }
}
