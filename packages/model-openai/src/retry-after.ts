/** The longest wait a `Retry-After` header may impose; longer requests are cut to this. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The response headers that say how long to wait, as any `Headers`-like object has them. */
interface HeaderSource {
  get(name: string): string | null;
}

/**
 * How long a server asked the client to wait before trying again, in milliseconds, or `undefined` when it
 * did not say. Reads `retry-after-ms` (sent by OpenAI and Azure) first, then `Retry-After` as seconds or as
 * an HTTP date. The result is at most {@link MAX_RETRY_AFTER_MS}.
 */
export function retryAfterMs(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const milliseconds = parseNonNegative(headers.get("retry-after-ms"));
  if (milliseconds !== undefined) return Math.min(milliseconds, MAX_RETRY_AFTER_MS);

  const retryAfter = headers.get("retry-after")?.trim();
  if (!retryAfter) return undefined;
  const seconds = parseNonNegative(retryAfter);
  if (seconds !== undefined) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date names its month; without this check Date.parse would read "-5" as a year.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
}

function parseNonNegative(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number.parseFloat(value);
}
