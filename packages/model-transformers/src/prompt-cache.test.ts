import { describe, expect, it } from "vitest";
import type { RowCache } from "./left-padded-cache.js";
import { PromptCache } from "./prompt-cache.js";

/** One layer's key cache of `tokens` tokens (1 head, 2 dims, 8 bytes a token), values counting up from `base`. */
function caches(tokens: number, base = 0): Map<string, RowCache> {
  const values = Float32Array.from({ length: tokens * 2 }, (_, index) => base + index);
  return new Map([["past_key_values.0.key", { values, heads: 1, tokens, headDim: 2 }]]);
}

describe("PromptCache", () => {
  it("gives back the part of a session's last prompt that the new prompt starts with", () => {
    const cache = new PromptCache(1024);
    cache.store("alice", [1, 5, 6, 7], caches(4));
    const prefix = cache.lookup("alice", [1, 5, 6, 9, 9]);
    expect(prefix?.tokens).toBe(3);
    const key = prefix?.caches.get("past_key_values.0.key");
    expect(key?.tokens).toBe(3);
    expect([...(key?.values ?? [])]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("gives nothing for an unknown session or a prompt that starts differently", () => {
    const cache = new PromptCache(1024);
    cache.store("alice", [1, 5, 6], caches(3));
    expect(cache.lookup("bob", [1, 5, 6])).toBeUndefined();
    expect(cache.lookup("alice", [2, 5, 6])).toBeUndefined();
  });

  it("replaces a session's cache with its newest prompt, in the memory it already had when that fits", () => {
    const cache = new PromptCache(1024);
    cache.store("alice", [1, 2, 3], caches(3));
    // 3 tokens of 2 values, with room for half as many again: 9 float32 values.
    expect(cache.bytes).toBe(36);
    cache.store("alice", [1, 4], caches(2, 100));
    expect(cache.lookup("alice", [1, 2, 3])?.tokens).toBe(1);
    const prefix = cache.lookup("alice", [1, 4, 4]);
    expect(prefix?.tokens).toBe(2);
    expect([...(prefix?.caches.get("past_key_values.0.key")?.values ?? [])]).toEqual([100, 101, 102, 103]);
    expect(cache.bytes).toBe(36);
  });

  it("hands out copies, which later stores do not change", () => {
    const cache = new PromptCache(1024);
    cache.store("alice", [1, 2], caches(2));
    const first = cache.lookup("alice", [1, 2])?.caches.get("past_key_values.0.key");
    cache.store("alice", [1, 2], caches(2, 100));
    expect([...(first?.values ?? [])]).toEqual([0, 1, 2, 3]);
  });

  it("drops the least recently used sessions to stay within its bytes, and keeps nothing larger than them", () => {
    const cache = new PromptCache(96); // room for two sessions of 4 tokens (48 bytes each, with room to grow)
    cache.store("a", [1, 2, 3, 4], caches(4));
    cache.store("b", [1, 2, 3, 4], caches(4));
    expect(cache.lookup("a", [1, 2])?.tokens).toBe(2); // "a" is now the most recently used
    cache.store("c", [1, 2, 3, 4], caches(4));
    expect(cache.lookup("b", [1, 2])).toBeUndefined();
    expect(cache.lookup("a", [1, 2])?.tokens).toBe(2);
    expect(cache.lookup("c", [1, 2])?.tokens).toBe(2);
    expect(cache.bytes).toBe(96);

    cache.store("huge", [1, 2, 3, 4, 5, 6, 7, 8, 9], caches(9));
    expect(cache.lookup("huge", [1])).toBeUndefined();
    expect(cache.bytes).toBe(96);
  });

  it("forgets everything when cleared", () => {
    const cache = new PromptCache(1024);
    cache.store("alice", [1, 2], caches(2));
    cache.clear();
    expect(cache.lookup("alice", [1, 2])).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
