import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runConcurrently } from "./run-concurrently.js";

/** An iterable of 0..count-1 that counts how far it has been read. */
function countingItems(count: number) {
  const state = { drawn: 0 };
  function* items() {
    for (let item = 0; item < count; item++) {
      state.drawn = item + 1;
      yield item;
    }
  }
  return { items: items(), state };
}

describe("runConcurrently", () => {
  it("runs every item, never more than `concurrency` at once", async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await runConcurrently(countingItems(40).items, 4, new AbortController().signal, async (item) => {
      most = Math.max(most, ++running);
      await sleep(item % 3);
      seen.push(item);
      running -= 1;
    });
    expect(most).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
  });

  it("draws items only as slots free up, so a long plan is never queued whole", async () => {
    const { items, state } = countingItems(1_000);
    let mostAhead = 0;
    let finished = 0;
    await runConcurrently(items, 3, new AbortController().signal, async () => {
      mostAhead = Math.max(mostAhead, state.drawn - finished);
      await sleep(0);
      finished += 1;
    });
    expect(finished).toBe(1_000);
    expect(mostAhead).toBeLessThanOrEqual(2 * 3 + 1);
  });

  it("starts nothing new once the signal is aborted, and waits for the running ones", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    let settled = 0;
    await runConcurrently(countingItems(50).items, 2, controller.signal, async (item) => {
      started.push(item);
      if (item === 3) controller.abort();
      await sleep(5);
      settled += 1;
    });
    expect(started.length).toBeLessThanOrEqual(5);
    expect(settled).toBe(started.length);
  });

  it("rethrows a task's error after the running tasks settle, starting no more", async () => {
    const started: number[] = [];
    let settled = 0;
    const run = runConcurrently(countingItems(50).items, 3, new AbortController().signal, async (item) => {
      started.push(item);
      await sleep(2);
      settled += 1;
      if (item === 1) throw new Error("the journal disk is full");
    });
    await expect(run).rejects.toThrow("the journal disk is full");
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(50);
  });
});
