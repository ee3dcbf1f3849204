/** What `syndisco serve` accepts from one client, so that no request can exhaust the server. */
export interface ServeLimits {
  /** The largest request body, in bytes; a larger one gets 413 before it is parsed. */
  maxBodyBytes: number;
  /**
   * How many requests may wait for each model beyond those it serves at once (its `concurrency`, llama.cpp's
   * `parallel`); a request that finds the queue full gets 429 with `Retry-After`.
   */
  maxQueue: number;
}

/**
 * 4 MiB holds a chat of about a million characters, more than any context of today's models takes; 256
 * waiting requests keep several clients with high concurrency busy without holding unbounded memory.
 */
export const DEFAULT_SERVE_LIMITS: ServeLimits = { maxBodyBytes: 4 * 1024 * 1024, maxQueue: 256 };

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * Reads a size such as `4mb`, `512kb` or `1000` (bytes). Units are binary (1kb = 1024 bytes).
 *
 * @returns the size in bytes, or `undefined` when the text is not a size of at least one byte.
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * (UNITS[(match[2] ?? "b").toLowerCase()] ?? 1));
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : undefined;
}
