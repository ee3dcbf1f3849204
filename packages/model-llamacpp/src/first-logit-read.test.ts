import type { LlamaContext } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { serializeFirstLogitRead } from "./first-logit-read.js";

/**
 * A stand-in for node-llama-cpp's native context: decodes end at once, reads of logits end when the test
 * says so, and it records which reads were started.
 */
function nativeContext() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: (token: number) => void; reject: (error: Error) => void }>();
  const native = {
    decodeBatch: async () => undefined,
    sampleToken: (name: string) =>
      new Promise<number>((resolve, reject) => {
        started.push(name);
        pending.set(name, { resolve, reject });
      }),
    threads: 3,
    setThreads(this: { threads: number }, threads: number) {
      this.threads = threads;
    },
  };
  const context = { _ctx: native } as unknown as LlamaContext;
  const wrapped = () => (context as unknown as { _ctx: typeof native })._ctx;
  return { native, context, wrapped, started, pending };
}

/** Lets every queued promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("serializeFirstLogitRead", () => {
  it("starts the other reads of a batch only once its first read has ended, and then together", async () => {
    const { context, wrapped, started, pending } = nativeContext();
    serializeFirstLogitRead(context);
    await wrapped().decodeBatch();
    const reads = ["a", "b", "c"].map((name) => wrapped().sampleToken(name));
    await settle();
    expect(started).toEqual(["a"]);
    pending.get("a")?.resolve(1);
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    pending.get("b")?.resolve(2);
    pending.get("c")?.resolve(3);
    await expect(Promise.all(reads)).resolves.toEqual([1, 2, 3]);

    // Until the next batch is decoded, reads need not wait; after it, the first one runs alone again.
    const later = wrapped().sampleToken("d");
    expect(started).toContain("d");
    pending.get("d")?.resolve(4);
    await later;
    await wrapped().decodeBatch();
    void wrapped().sampleToken("e");
    void wrapped().sampleToken("f");
    await settle();
    expect(started.slice(4)).toEqual(["e"]);
  });

  it("lets a waiting read put the rows in order when the first read fails", async () => {
    const { context, wrapped, started, pending } = nativeContext();
    serializeFirstLogitRead(context);
    await wrapped().decodeBatch();
    const first = wrapped().sampleToken("a");
    const reads = ["b", "c"].map((name) => wrapped().sampleToken(name));
    pending.get("a")?.reject(new Error("sampler disposed"));
    await expect(first).rejects.toThrow("sampler disposed");
    await settle();
    expect(started).toEqual(["a", "b"]);
    pending.get("b")?.resolve(2);
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    pending.get("c")?.resolve(3);
    await expect(Promise.all(reads)).resolves.toEqual([2, 3]);
  });

  it("does not count a read of one batch that ends after the next batch was decoded as that batch's first", async () => {
    const { context, wrapped, started, pending } = nativeContext();
    serializeFirstLogitRead(context);
    await wrapped().decodeBatch();
    const late = wrapped().sampleToken("a");
    await wrapped().decodeBatch();
    pending.get("a")?.resolve(1);
    await late;
    void wrapped().sampleToken("b");
    void wrapped().sampleToken("c");
    await settle();
    expect(started).toEqual(["a", "b"]);
  });

  it("passes every other method and property through to the native context", () => {
    const { native, context, wrapped } = nativeContext();
    serializeFirstLogitRead(context);
    wrapped().setThreads(1);
    expect(native.threads).toBe(1);
    expect(wrapped().threads).toBe(1);
  });

  it("refuses a node-llama-cpp whose context has no native methods to wrap", () => {
    expect(() => serializeFirstLogitRead({} as LlamaContext)).toThrow(
      "this version of node-llama-cpp has no LlamaContext._ctx.decodeBatch/sampleToken",
    );
  });
});
