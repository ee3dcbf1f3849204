/** The longest a failing server is left alone before it is tried again. */
export const MAX_COOLDOWN_MS = 30_000;

/** What the pool knows about one server. */
export interface ServerState {
  /** The server's base URL, as the user gave it (normalised). */
  readonly url: string;
  /** Its position in the user's list. */
  readonly index: number;
  /** Failures in a row since it last answered; sets the length of the next cool-down. 0 while it is up. */
  failures: number;
  /** When (ms since the epoch) the failing server may be tried again; 0 when it is up. */
  downUntil: number;
  /** Requests sent to it that have not ended yet. */
  inFlight: number;
  /** Whether a trial request (the one request a failing server gets once its cool-down is over) is in flight. */
  trialInFlight: boolean;
}

/** A server given to one request, until {@link ServerPool.release}. */
export interface ServerLease {
  readonly server: ServerState;
  /** Whether this request is the failing server's trial: its outcome takes the server back in, or out again. */
  readonly trial: boolean;
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

/**
 * Spreads requests over several servers and keeps failing ones out of rotation.
 *
 * - A request goes to the healthy server with the fewest requests outstanding (ties in turn), so a slow or
 *   busy server gets fewer and one that frees up gets more.
 * - A server that fails is taken out of rotation for a cool-down that grows exponentially with failures in a
 *   row. When it is over, the next request is sent to it as a trial, and only that one: if it answers, the
 *   server is back in rotation and its record is forgotten; if not, a longer cool-down starts. So a dead server
 *   costs one request per cool-down, however many are in flight, and rejoins as soon as it answers.
 * - When no server can be used, {@link acquire} waits until one can.
 */
export class ServerPool {
  readonly servers: readonly ServerState[];
  readonly #retryDelayMs: number;
  readonly #now: () => number;
  readonly #random: () => number;
  /** Where the search for a tie-break starts, so that equally loaded servers are taken in turn. */
  #cursor = 0;
  /** Requests waiting for a server: each is woken when anything changes and looks again. */
  readonly #waiting = new Set<() => void>();

  constructor(urls: readonly string[], { retryDelayMs, now = Date.now, random = Math.random }: ServerPoolOptions) {
    if (urls.length === 0) throw new RangeError("a server pool needs at least one URL");
    this.servers = urls.map((url, index) => ({
      url,
      index,
      failures: 0,
      downUntil: 0,
      inFlight: 0,
      trialInFlight: false,
    }));
    this.#retryDelayMs = retryDelayMs;
    this.#now = now;
    this.#random = random;
  }

  /**
   * A server for one request, counted as outstanding until {@link release}. Waits while no server can be
   * used (every one cooling down, or on trial).
   *
   * @throws the signal's reason when `signal` aborts while waiting.
   */
  async acquire(signal?: AbortSignal): Promise<ServerLease> {
    for (;;) {
      signal?.throwIfAborted();
      const lease = this.tryAcquire();
      if (typeof lease === "object") return lease;
      await this.#waitForChange(lease, signal);
    }
  }

  /**
   * A server for one request, or, when none can be used now, how long (ms) until a cool-down ends
   * (`Infinity` when only a trial's outcome can change that).
   */
  tryAcquire(): ServerLease | number {
    const now = this.#now();
    const due = this.servers.find((server) => server.failures > 0 && !server.trialInFlight && server.downUntil <= now);
    const count = this.servers.length;
    if (due) {
      this.#cursor = (due.index + 1) % count;
      due.trialInFlight = true;
      due.inFlight += 1;
      return { server: due, trial: true };
    }
    let chosen: ServerState | undefined;
    for (let step = 0; step < count; step += 1) {
      const server = this.servers[(this.#cursor + step) % count] as ServerState;
      if (server.failures === 0 && (!chosen || server.inFlight < chosen.inFlight)) chosen = server;
    }
    if (chosen) {
      this.#cursor = (chosen.index + 1) % count;
      chosen.inFlight += 1;
      return { server: chosen, trial: false };
    }
    const coolingDown = this.servers.filter((server) => !server.trialInFlight).map((server) => server.downUntil);
    return coolingDown.length > 0 ? Math.max(Math.min(...coolingDown) - now, 0) : Number.POSITIVE_INFINITY;
  }

  /** Ends a request's hold on its server, whatever its outcome (which markUp or markDown recorded). */
  release({ server, trial }: ServerLease): void {
    server.inFlight -= 1;
    if (trial) server.trialInFlight = false;
    this.#wake();
  }

  /**
   * Records a failure and takes the server out of rotation: for `retryAfterMs` when the server asked for it,
   * otherwise for an exponential backoff with jitter. A failure seen while the server is already out (a
   * request that was in flight when another one failed) does not lengthen the backoff.
   *
   * @returns how long, in ms, the server will now be skipped.
   */
  markDown(server: ServerState, retryAfterMs?: number): number {
    const now = this.#now();
    if (server.failures > 0 && server.downUntil > now) {
      server.downUntil = Math.max(server.downUntil, now + (retryAfterMs ?? 0));
      return server.downUntil - now;
    }
    server.failures += 1;
    server.downUntil = now + (retryAfterMs ?? this.#backoff(server.failures));
    this.#wake();
    return server.downUntil - now;
  }

  /**
   * Records that the server answered, which puts it back in rotation.
   *
   * @returns whether it had been failing before.
   */
  markUp(server: ServerState): boolean {
    const wasFailing = server.failures > 0;
    server.failures = 0;
    server.downUntil = 0;
    if (wasFailing) this.#wake();
    return wasFailing;
  }

  #backoff(failures: number): number {
    const nominal = Math.min(this.#retryDelayMs * 2 ** (failures - 1), MAX_COOLDOWN_MS);
    // Up to 25% less, so that clients that failed together do not all come back at the same instant.
    return nominal * (1 - this.#random() * 0.25);
  }

  #wake(): void {
    // Called at every release: most of the time nobody waits.
    if (this.#waiting.size === 0) return;
    for (const wake of this.#waiting) wake();
  }

  /** Resolves after `ms`, or sooner when a server's state changes; rejects when `signal` aborts. */
  #waitForChange(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.#waiting.delete(wake);
        signal?.removeEventListener("abort", onAbort);
      };
      const wake = () => {
        finish();
        resolve();
      };
      const onAbort = () => {
        finish();
        reject(signal?.reason);
      };
      const timer = Number.isFinite(ms) ? setTimeout(wake, ms) : undefined;
      this.#waiting.add(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
