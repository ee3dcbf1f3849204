import { describe, expect, it } from "vitest";
import { SequencePool } from "./sequence-pool.js";

describe("SequencePool", () => {
  it("lends each slot to one call at a time and queues the rest first come, first served", async () => {
    const pool = new SequencePool(["a", "b"]);
    const first = await pool.acquire();
    const second = await pool.acquire();
    expect(new Set([first.slot, second.slot])).toEqual(new Set(["a", "b"]));
    expect(pool.available).toBe(0);

    const order: string[] = [];
    const recordGrant = (label: string) => (lease: { slot: string }) => {
      order.push(label);
      return lease;
    };
    const third = pool.acquire().then(recordGrant("third"));
    const fourth = pool.acquire().then(recordGrant("fourth"));
    expect(pool.waiting).toBe(2);

    second.release();
    const thirdLease = await third;
    expect(thirdLease.slot).toBe(second.slot);
    first.release();
    const fourthLease = await fourth;
    expect(fourthLease.slot).toBe(first.slot);
    expect(order).toEqual(["third", "fourth"]);
    expect(pool.waiting).toBe(0);
  });

  it("gives a call the free slot that last served its session key", async () => {
    const pool = new SequencePool(["a", "b", "c"]);
    const leases = await Promise.all(["x", "y", "z"].map((sessionKey) => pool.acquire({ sessionKey })));
    for (const lease of leases) lease.release();
    const yLease = await pool.acquire({ sessionKey: "y" });
    expect(yLease.slot).toBe(leases[1]?.slot);
  });

  it("otherwise gives the slot idle longest, so recent sessions keep their caches", async () => {
    const pool = new SequencePool(["a", "b"]);
    const used = await pool.acquire({ sessionKey: "x" });
    used.release();
    // "b" was never used; it goes before "a", which holds session x.
    expect((await pool.acquire({ sessionKey: "new" })).slot).toBe("b");
    expect((await pool.acquire({ sessionKey: "other" })).slot).toBe("a");
  });

  it("prefers the session's own slot to one that holds a longer part of the prompt", async () => {
    const pool = new SequencePool(["a", "b"]);
    const leases = await Promise.all(["x", "y"].map((sessionKey) => pool.acquire({ sessionKey })));
    for (const lease of leases) lease.release();
    const lease = await pool.acquire({ sessionKey: "x", cachedPrefix: (slot) => (slot === "b" ? 50 : 10) });
    expect(lease.slot).toBe("a");
  });

  it("gives a new session a never-used slot before one that holds another session's cache", async () => {
    const pool = new SequencePool(["a", "b", "c"]);
    const first = await pool.acquire({ sessionKey: "x" });
    first.release();
    // "a" shares the system prompt with the new call, but taking it would evict session x's cache.
    const lease = await pool.acquire({ sessionKey: "y", cachedPrefix: (slot) => (slot === "a" ? 100 : 0) });
    expect(lease.slot).toBe("b");
  });

  it("once every slot is used, gives the one whose cache holds the longest part of the prompt", async () => {
    const cached: Record<string, number> = { a: 3, b: 40, c: 12 };
    const pool = new SequencePool(["a", "b", "c"]);
    const leases = await Promise.all(["x", "y", "z"].map((sessionKey) => pool.acquire({ sessionKey })));
    for (const lease of leases) lease.release();
    const lease = await pool.acquire({ sessionKey: "new", cachedPrefix: (slot) => cached[slot] ?? 0 });
    expect(lease.slot).toBe("b");
  });

  it("breaks a tie in cached prefix by the slot idle longest", async () => {
    const pool = new SequencePool(["a", "b", "c"]);
    const leases = await Promise.all(["x", "y", "z"].map((sessionKey) => pool.acquire({ sessionKey })));
    leases[1]?.release();
    leases[0]?.release();
    leases[2]?.release();
    const lease = await pool.acquire({ sessionKey: "w", cachedPrefix: () => 10 });
    expect(lease.slot).toBe(leases[1]?.slot);
  });

  it("ignores a second release of the same lease", async () => {
    const pool = new SequencePool(["a"]);
    const lease = await pool.acquire();
    lease.release();
    lease.release();
    expect(pool.available).toBe(1);
  });

  it("stops waiting when the call's signal aborts, and rejects with its reason", async () => {
    const pool = new SequencePool(["a"]);
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire({ signal: controller.signal });
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(pool.waiting).toBe(0);
    held.release();
    expect(pool.available).toBe(1);
  });

  it("rejects an already aborted call at once", async () => {
    const pool = new SequencePool(["a"]);
    await expect(pool.acquire({ signal: AbortSignal.abort(new Error("too late")) })).rejects.toThrow("too late");
    expect(pool.available).toBe(1);
  });

  it("rejects waiting and later calls once closed", async () => {
    const pool = new SequencePool(["a"]);
    await pool.acquire();
    const waiting = pool.acquire();
    pool.close(new Error("disposed"));
    await expect(waiting).rejects.toThrow("disposed");
    await expect(pool.acquire()).rejects.toThrow("disposed");
  });

  it("needs at least one slot", () => {
    expect(() => new SequencePool([])).toThrow("at least one slot");
  });
});
