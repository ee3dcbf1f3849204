import { type CacheValues, type RowCache, truncateRowCache } from "./left-padded-cache.js";

/** A row's caches, one per cache input of the model (`past_key_values.0.key`, …), for its first `tokens` tokens. */
export interface CachedPrefix {
  tokens: number;
  caches: ReadonlyMap<string, RowCache>;
}

interface Entry {
  promptIds: readonly number[];
  /** Views of `buffers`, each the first tokens of one cache input. */
  caches: ReadonlyMap<string, RowCache>;
  /** Where the session's caches are copied, reused from call to call while they fit. */
  buffers: ReadonlyMap<string, CacheValues>;
  bytes: number;
}

// A session's buffers grow by this factor, so that a prompt a few tokens longer than the last fits.
const GROWTH = 1.5;

/**
 * Keeps the keys and values that a session's last prompt left, so that its next prompt evaluates only what
 * follows the part the two share (SynDisco's prompts of one actor start with the same system prompt). Holds
 * at most `maxBytes`, dropping the least recently used sessions first.
 *
 * Caches are copied in and out. A session's caches are copied into buffers that it keeps from call to call:
 * a process that replaced them with new arrays at every call would leave long-lived garbage that only full
 * garbage collections free, and with a cache per actor these ran many times a second and slowed generation.
 */
export class PromptCache {
  readonly #maxBytes: number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** How many bytes the cached sessions take. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The cached beginning of `promptIds` for this session (copied), or `undefined` when none is shared. */
  lookup(sessionKey: string, promptIds: readonly number[]): CachedPrefix | undefined {
    const entry = this.#entries.get(sessionKey);
    if (!entry) return undefined;
    this.#entries.delete(sessionKey);
    this.#entries.set(sessionKey, entry);
    let tokens = 0;
    const limit = Math.min(entry.promptIds.length, promptIds.length);
    while (tokens < limit && entry.promptIds[tokens] === promptIds[tokens]) tokens += 1;
    if (tokens === 0) return undefined;
    const caches = new Map<string, RowCache>();
    for (const [name, cache] of entry.caches) {
      // truncateRowCache copies unless it keeps the whole cache; the caller must get memory of its own.
      caches.set(name, tokens === cache.tokens ? copyRowCache(cache) : truncateRowCache(cache, tokens));
    }
    return { tokens, caches };
  }

  /** Keeps `caches` (for `promptIds`) as this session's, replacing what it had. */
  store(sessionKey: string, promptIds: readonly number[], caches: ReadonlyMap<string, RowCache>): void {
    const previous = this.#entries.get(sessionKey);
    this.#remove(sessionKey);
    const buffers = new Map<string, CacheValues>();
    const views = new Map<string, RowCache>();
    for (const [name, cache] of caches) {
      const buffer = fittingBuffer(previous?.buffers.get(name), cache.values);
      buffer.set(cache.values as Float32Array);
      buffers.set(name, buffer);
      views.set(name, { ...cache, values: buffer.subarray(0, cache.values.length) });
    }
    const bytes = [...buffers.values()].reduce((sum, buffer) => sum + buffer.byteLength, 0);
    if (bytes > this.#maxBytes) return;
    this.#entries.set(sessionKey, { promptIds: [...promptIds], caches: views, buffers, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest);
    }
  }

  /** Forgets every session. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #remove(sessionKey: string): void {
    const entry = this.#entries.get(sessionKey);
    if (!entry) return;
    this.#entries.delete(sessionKey);
    this.#bytes -= entry.bytes;
  }
}

/** `buffer` when `values` fit in it and it holds the same type, else a new one with room to grow. */
function fittingBuffer(buffer: CacheValues | undefined, values: CacheValues): CacheValues {
  if (buffer && buffer.constructor === values.constructor && buffer.length >= values.length) {
    return buffer as Float32Array;
  }
  const Values = values.constructor as new (length: number) => CacheValues;
  return new Values(Math.ceil(values.length * GROWTH));
}

/** A copy of a row cache that shares no memory with it (the caller may hand it to ONNX Runtime). */
function copyRowCache(cache: RowCache): RowCache {
  return { ...cache, values: cache.values.slice() };
}
