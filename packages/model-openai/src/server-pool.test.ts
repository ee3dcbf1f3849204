import { describe, expect, it } from "vitest";
import { MAX_COOLDOWN_MS, ServerPool, type ServerState } from "./server-pool.js";

/** A pool with a clock the test moves by hand and no jitter. */
function poolOf(urls: string[], retryDelayMs = 100) {
  const clock = { now: 1_000_000 };
  const pool = new ServerPool(urls, { retryDelayMs, now: () => clock.now, random: () => 0 });
  const pick = () => pool.next().server.url;
  return { pool, clock, pick };
}

const server = (pool: ServerPool, index: number) => pool.servers[index] as ServerState;

describe("ServerPool", () => {
  it("takes the servers in turn", () => {
    const { pick } = poolOf(["a", "b", "c"]);
    expect([pick(), pick(), pick(), pick()]).toEqual(["a", "b", "c", "a"]);
  });

  it("skips a failed server until its cool-down is over", () => {
    const { pool, clock, pick } = poolOf(["a", "b"], 100);
    expect(pool.markDown(server(pool, 0))).toBe(100);
    expect([pick(), pick(), pick()]).toEqual(["b", "b", "b"]);
    clock.now += 100;
    expect([pick(), pick()]).toEqual(["a", "b"]);
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

  it("when every server is cooling down, names the one back first and how long to wait", () => {
    const { pool, clock } = poolOf(["a", "b"], 100);
    pool.markDown(server(pool, 0), 500);
    pool.markDown(server(pool, 1), 200);
    clock.now += 50;
    expect(pool.next()).toMatchObject({ server: { url: "b" }, waitMs: 150 });
  });

  it("takes up to a quarter off the backoff as jitter", () => {
    const pool = new ServerPool(["a"], { retryDelayMs: 1000, now: () => 0, random: () => 0.999 });
    const ms = pool.markDown(pool.servers[0] as ServerState);
    expect(ms).toBeGreaterThan(750);
    expect(ms).toBeLessThan(1000);
  });
});
