import type { LlamaContext } from "node-llama-cpp";

/** The two methods of node-llama-cpp's native context object that this module wraps. */
interface NativeContext {
  decodeBatch(...args: unknown[]): Promise<unknown>;
  sampleToken(...args: unknown[]): Promise<unknown>;
}

/**
 * Makes the first read of logits after each decoded batch finish before any other read of that batch starts.
 *
 * When llama.cpp splits a batch of several sequences into micro-batches out of order, it puts the rows of
 * logits back in order lazily, on the first read after the decode, and that reordering is not thread-safe.
 * node-llama-cpp samples the next token of every sequence of a batch at once, each on a worker thread of its
 * own, so two samplers could both reorder the rows (swapping them back and forth) and one would take another
 * sequence's logits: a reply turned mid-way into a token its own prompt gives probability 0. That happens
 * whenever a prompt is evaluated in the same batch as other sequences' next tokens, which concurrent
 * discussions do all the time. After the first read has reordered the rows, the others read at once, together.
 *
 * node-llama-cpp keeps the native context in `LlamaContext._ctx`, which its public types do not show; loading
 * fails with a clear error if a version of node-llama-cpp no longer has it, rather than running unprotected.
 */
export function serializeFirstLogitRead(context: LlamaContext): void {
  const holder = context as unknown as { _ctx?: NativeContext };
  const native = holder._ctx;
  if (typeof native?.decodeBatch !== "function" || typeof native.sampleToken !== "function") {
    throw new Error(
      "internal error: this version of node-llama-cpp has no LlamaContext._ctx.decodeBatch/sampleToken, which " +
        "@syndisco/model-llamacpp wraps to read logits safely; install the node-llama-cpp version it depends on",
    );
  }
  const decodeBatch = native.decodeBatch.bind(native);
  const sampleToken = native.sampleToken.bind(native);
  /** Batches decoded so far. */
  let batches = 0;
  /** Whether the rows of the last decoded batch may still need reordering (no read has finished since). */
  let unread = false;
  /** The first read of the last batch, while it runs. */
  let firstRead: Promise<unknown> | undefined;

  const guarded: Pick<NativeContext, "decodeBatch" | "sampleToken"> = {
    async decodeBatch(...args) {
      const result = await decodeBatch(...args);
      batches += 1;
      unread = true;
      firstRead = undefined;
      return result;
    },
    sampleToken(...args) {
      if (!unread) return sampleToken(...args);
      // Asked again once the first read ends: the rows are in order then, or, if that read failed, the
      // first of the waiting reads becomes the one that puts them in order.
      if (firstRead) return firstRead.then(() => guarded.sampleToken(...args));
      const read = sampleToken(...args);
      const batch = batches;
      const settled = read.then(
        () => {
          // A read that ends after the next batch was decoded put only its own batch's rows in order.
          if (batch === batches) unread = false;
        },
        () => {
          if (firstRead === settled) firstRead = undefined;
        },
      );
      firstRead = settled;
      return read;
    },
  };
  const bound = new Map<PropertyKey, unknown>();
  holder._ctx = new Proxy(native, {
    get(target, key) {
      if (key === "decodeBatch" || key === "sampleToken") return guarded[key];
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      // Native methods must be called on the native object itself, not on the proxy.
      if (!bound.has(key)) bound.set(key, value.bind(target));
      return bound.get(key);
    },
  });
}
