import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, retryAfterMs } from "./retry-after.js";

describe("retryAfterMs", () => {
  it("reads Retry-After in seconds, fractions included", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "0.5" }))).toBe(500);
  });

  it("prefers retry-after-ms when both are sent", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "9", "retry-after-ms": "250" }))).toBe(250);
  });

  it("reads an HTTP date relative to now, and a date in the past as no wait", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now)).toBe(0);
  });

  it("caps a long wait", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3600" }))).toBe(MAX_RETRY_AFTER_MS);
  });

  it("is undefined when the server said nothing usable", () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(new Headers({ "retry-after": "-5" }))).toBeUndefined();
  });
});
