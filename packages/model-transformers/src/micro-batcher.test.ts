import { describe, expect, it } from "vitest";
import { type BatchJob, MicroBatcher } from "./micro-batcher.js";

/** A batch runner that records each batch and answers with the inputs upper-cased, after `delayMs`. */
function recordingRunner(delayMs = 0) {
  const batches: string[][] = [];
  const run = async (jobs: readonly BatchJob<string>[]) => {
    batches.push(jobs.map((job) => job.input));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return jobs.map((job) => job.input.toUpperCase());
  };
  return { batches, run };
}

describe("MicroBatcher", () => {
  it("runs calls made in the same tick as one batch, each getting its own output", async () => {
    const { batches, run } = recordingRunner();
    const batcher = new MicroBatcher(run, 8);
    const outputs = await Promise.all(["a", "b", "c"].map((input) => batcher.submit(input)));
    expect(outputs).toEqual(["A", "B", "C"]);
    expect(batches).toEqual([["a", "b", "c"]]);
  });

  it("splits a crowd into batches of at most maxBatchSize, in arrival order", async () => {
    const { batches, run } = recordingRunner();
    const batcher = new MicroBatcher(run, 2);
    await Promise.all(["a", "b", "c", "d", "e"].map((input) => batcher.submit(input)));
    expect(batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("collects the calls that arrive while a batch runs into the next batch", async () => {
    const { batches, run } = recordingRunner(30);
    const batcher = new MicroBatcher(run, 8);
    const first = batcher.submit("a");
    await new Promise((resolve) => setTimeout(resolve, 10));
    const later = ["b", "c"].map((input) => batcher.submit(input));
    await Promise.all([first, ...later]);
    expect(batches).toEqual([["a"], ["b", "c"]]);
  });

  it("only batches calls with the same key", async () => {
    const { batches, run } = recordingRunner();
    const batcher = new MicroBatcher(run, 8, (input: string) => input[0] ?? "");
    await Promise.all(["x1", "y1", "x2", "y2", "x3"].map((input) => batcher.submit(input)));
    expect(batches).toEqual([
      ["x1", "x2", "x3"],
      ["y1", "y2"],
    ]);
  });

  it("rejects a queued call when its signal aborts, and leaves it out of the batch", async () => {
    const { batches, run } = recordingRunner(20);
    const batcher = new MicroBatcher(run, 8);
    const running = batcher.submit("a");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const controller = new AbortController();
    const cancelled = batcher.submit("b", controller.signal);
    const kept = batcher.submit("c");
    controller.abort(new Error("no longer needed"));
    await expect(cancelled).rejects.toThrow("no longer needed");
    expect(await Promise.all([running, kept])).toEqual(["A", "C"]);
    expect(batches).toEqual([["a"], ["c"]]);
  });

  it("rejects a running call at once when its signal aborts, and shows the runner the aborted signal", async () => {
    let sawAbort = false;
    const batcher = new MicroBatcher(async (jobs: readonly BatchJob<string>[]) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      sawAbort = jobs[0]?.signal?.aborted ?? false;
      return jobs.map((job) => job.input);
    }, 8);
    const controller = new AbortController();
    const call = batcher.submit("a", controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 10);
    const started = performance.now();
    await expect(call).rejects.toThrow("stop");
    expect(performance.now() - started).toBeLessThan(200);
    await batcher.close(new Error("closed"));
    expect(sawAbort).toBe(true);
  });

  it("rejects a call whose signal has already aborted without running it", async () => {
    const { batches, run } = recordingRunner();
    const batcher = new MicroBatcher(run, 8);
    await expect(batcher.submit("a", AbortSignal.abort(new Error("too late")))).rejects.toThrow("too late");
    expect(batches).toEqual([]);
  });

  it("rejects every call of a batch whose run fails", async () => {
    const batcher = new MicroBatcher(async () => {
      throw new Error("session crashed");
    }, 8);
    const results = await Promise.allSettled(["a", "b"].map((input) => batcher.submit(input)));
    expect(results.map((result) => result.status === "rejected" && (result.reason as Error).message)).toEqual([
      "session crashed",
      "session crashed",
    ]);
  });

  it("on close, rejects queued calls, waits for the running batch, and refuses new calls", async () => {
    const { batches, run } = recordingRunner(30);
    const batcher = new MicroBatcher(run, 1);
    const running = batcher.submit("a");
    const reason = new Error("disposed");
    const queued = expect(batcher.submit("b")).rejects.toBe(reason);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await batcher.close(reason);
    expect(await running).toBe("A");
    await queued;
    await expect(batcher.submit("c")).rejects.toBe(reason);
    expect(batches).toEqual([["a"]]);
  });

  it("refuses a batch size below 1", () => {
    expect(() => new MicroBatcher(async () => [], 0)).toThrow(RangeError);
  });
});
