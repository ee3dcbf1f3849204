import { describe, expect, it } from "vitest";
import { MAX_COOLDOWN_MS, type ServerLease, ServerPool, type ServerState } from "./server-pool.js";

/** A pool with a clock the test moves by hand and no jitter. */
function poolOf(urls: string[], retryDelayMs = 100) {
  const clock = { now: 1_000_000 };
  const pool = new ServerPool(urls, { retryDelayMs, now: () => clock.now, random: () => 0 });
  /** Takes a server for a request that ends at once. */
  const pick = () => {
    const lease = take(pool);
    pool.release(lease);
    return lease.server.url;
  };
  return { pool, clock, pick };
}

/** A lease that must be available now. */
function take(pool: ServerPool): ServerLease {
  const lease = pool.tryAcquire();
  if (typeof lease === "number") throw new Error(`no server for ${lease} ms`);
  return lease;
}

const server = (pool: ServerPool, index: number) => pool.servers[index] as ServerState;

describe("ServerPool", () => {
  it("takes equally loaded servers in turn", () => {
    const { pick } = poolOf(["a", "b", "c"]);
    expect([pick(), pick(), pick(), pick()]).toEqual(["a", "b", "c", "a"]);
  });

  it("sends each request to the server with the fewest outstanding, and counts them until release", () => {
    const { pool } = poolOf(["a", "b"]);
    const held = [take(pool), take(pool), take(pool)];
    expect(held.map((lease) => lease.server.url)).toEqual(["a", "b", "a"]);
    expect([server(pool, 0).inFlight, server(pool, 1).inFlight]).toEqual([2, 1]);
    // b is less loaded now, and again once a's two requests end.
    expect(take(pool).server.url).toBe("b");
    pool.release(held[0] as ServerLease);
    pool.release(held[2] as ServerLease);
    expect([take(pool).server.url, take(pool).server.url]).toEqual(["a", "a"]);
  });

  it("takes a failed server out of rotation, then gives it one trial request at a time once its cool-down is over", () => {
    const { pool, clock } = poolOf(["a", "b"], 100);
    expect(pool.markDown(server(pool, 0))).toBe(100);
    expect([take(pool), take(pool), take(pool)].map((lease) => lease.server.url)).toEqual(["b", "b", "b"]);
    clock.now += 100;
    const trial = take(pool);
    expect(trial).toMatchObject({ server: { url: "a" }, trial: true });
    // While the trial is out, a gets nothing else, however little it has in flight.
    expect([take(pool), take(pool)].map((lease) => lease.server.url)).toEqual(["b", "b"]);
    // It answered: back in rotation, and the least loaded.
    expect(pool.markUp(trial.server)).toBe(true);
    pool.release(trial);
    expect(take(pool)).toMatchObject({ server: { url: "a" }, trial: false });
  });

  it("after a failed trial, keeps the server out for a doubled cool-down", () => {
    const { pool, clock } = poolOf(["a", "b"], 100);
    pool.markDown(server(pool, 0));
    clock.now += 100;
    const trial = take(pool);
    expect(pool.markDown(trial.server)).toBe(200);
    pool.release(trial);
    expect(take(pool).server.url).toBe("b");
  });

  it("doubles the cool-down with each failure in a row, up to a cap, and forgets failures once the server answers", () => {
    const { pool, clock } = poolOf(["a"], 100);
    const a = server(pool, 0);
    const cooldowns = [1, 2, 3].map(() => {
      const ms = pool.markDown(a);
      clock.now += ms;
      return ms;
    });
    expect(cooldowns).toEqual([100, 200, 400]);
    for (let failure = 0; failure < 20; failure += 1) clock.now += pool.markDown(a);
    expect(pool.markDown(a)).toBe(MAX_COOLDOWN_MS);
    clock.now += MAX_COOLDOWN_MS;
    expect(pool.markUp(a)).toBe(true);
    expect(pool.markUp(a)).toBe(false);
    expect(pool.markDown(a)).toBe(100);
  });

  it("uses the server's Retry-After instead of the backoff", () => {
    const { pool } = poolOf(["a"], 100);
    expect(pool.markDown(server(pool, 0), 1500)).toBe(1500);
  });

  it("does not lengthen the backoff for failures reported while the server is already cooling down", () => {
    const { pool, clock } = poolOf(["a"], 100);
    const a = server(pool, 0);
    pool.markDown(a);
    clock.now += 10;
    expect(pool.markDown(a)).toBe(90);
    expect(a.failures).toBe(1);
  });

  it("when every server is out, says how long until the first cool-down ends, or waits for a trial's outcome", () => {
    const { pool, clock } = poolOf(["a", "b"], 100);
    pool.markDown(server(pool, 0), 500);
    pool.markDown(server(pool, 1), 200);
    clock.now += 50;
    expect(pool.tryAcquire()).toBe(150);
    clock.now += 450;
    take(pool);
    take(pool);
    expect(pool.tryAcquire()).toBe(Number.POSITIVE_INFINITY);
  });

  it("wakes a waiting request when a server comes back, and stops waiting when the request is cancelled", async () => {
    const { pool, clock } = poolOf(["a"], 100);
    pool.markDown(server(pool, 0));
    clock.now += 100;
    const trial = take(pool);
    const waiting = pool.acquire();
    pool.markUp(trial.server);
    pool.release(trial);
    expect(await waiting).toMatchObject({ server: { url: "a" }, trial: false });

    pool.markDown(server(pool, 0), 60_000);
    const controller = new AbortController();
    const cancelled = pool.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(cancelled).rejects.toThrow("stop");
  });

  it("takes up to a quarter off the backoff as jitter", () => {
    const pool = new ServerPool(["a"], { retryDelayMs: 1000, now: () => 0, random: () => 0.999 });
    const ms = pool.markDown(pool.servers[0] as ServerState);
    expect(ms).toBeGreaterThan(750);
    expect(ms).toBeLessThan(1000);
  });
});
