import { describe, expect, it } from "vitest";
import { delay } from "../util/delay.js";
import { mapInOrder } from "./map-in-order.js";

async function collect<R>(results: AsyncIterable<R>): Promise<R[]> {
  const collected: R[] = [];
  for await (const result of results) collected.push(result);
  return collected;
}

describe("mapInOrder", () => {
  it("yields in the items' order although later items finish first, with at most `concurrency` running", async () => {
    let running = 0;
    let mostRunning = 0;
    const started: number[] = [];
    const results = await collect(
      mapInOrder([40, 30, 20, 10, 0], 3, async (ms) => {
        started.push(ms);
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        await delay(ms);
        running -= 1;
        return ms * 2;
      }),
    );
    expect(results).toEqual([80, 60, 40, 20, 0]);
    expect(started).toEqual([40, 30, 20, 10, 0]);
    expect(mostRunning).toBe(3);
  });

  it("starts the next item when any slot frees up, not when the first one is done", async () => {
    const startedAt: number[] = [];
    const t0 = performance.now();
    const items = [200, 10, 10, 10].map((ms, id) => ({ id, ms }));
    await collect(
      mapInOrder(items, 2, async ({ id, ms }) => {
        startedAt[id] = performance.now() - t0;
        await delay(ms);
      }),
    );
    // Items 2 and 3 ran beside the slow first one.
    expect(startedAt[3]).toBeLessThan(150);
  });

  it("runs one at a time with concurrency 1", async () => {
    const events: string[] = [];
    await collect(
      mapInOrder(["a", "b", "c"], 1, async (item) => {
        events.push(`start ${item}`);
        await delay(1);
        events.push(`end ${item}`);
      }),
    );
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("yields the results before a failed item, then throws its error and starts nothing more", async () => {
    const started: number[] = [];
    const yielded: number[] = [];
    const run = async () => {
      for await (const result of mapInOrder([0, 1, 2, 3, 4, 5], 2, async (item) => {
        started.push(item);
        await delay(item === 1 ? 20 : 1);
        if (item === 2) throw new Error("item 2 failed");
        return item;
      })) {
        yielded.push(result);
      }
    };
    await expect(run()).rejects.toThrow("item 2 failed");
    expect(yielded).toEqual([0, 1]);
    expect(started).not.toContain(5);
  });

  it("aborts the running tasks and starts no more when the consumer stops early", async () => {
    const aborted: number[] = [];
    const started: number[] = [];
    const results = mapInOrder([0, 1, 2, 3, 4], 2, async (item, signal) => {
      started.push(item);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, item === 0 ? 1 : 1000);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          aborted.push(item);
          resolve();
        });
      });
      return item;
    });
    for await (const result of results) {
      expect(result).toBe(0);
      break;
    }
    expect(aborted).toContain(1);
    expect(started.length).toBeLessThan(5);
  });

  it("stops with the caller's signal", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const run = collect(
      mapInOrder(
        [0, 1, 2],
        1,
        async (item, signal) => {
          if (item === 1) controller.abort(reason);
          signal.throwIfAborted();
          return item;
        },
        controller.signal,
      ),
    );
    await expect(run).rejects.toBe(reason);
  });
});
