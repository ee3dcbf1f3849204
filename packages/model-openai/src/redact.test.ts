import { describe, expect, it } from "vitest";
import { MIN_PARTIAL_SECRET, quoteServerText, REDACTED, redactSecret } from "./redact.js";

const KEY = "sk-Q7vX2mZ9pL4wR8tK1nB6cY3hJ5dF0gS";

/** Every piece of `key` of at least MIN_PARTIAL_SECRET characters that `text` shows. */
function fragmentsOf(key: string, text: string): string[] {
  const found: string[] = [];
  for (let start = 0; start + MIN_PARTIAL_SECRET <= key.length; start += 1) {
    const piece = key.slice(start, start + MIN_PARTIAL_SECRET);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

describe("redactSecret", () => {
  it("replaces every occurrence of the secret", () => {
    expect(redactSecret("Bearer sk-abc and again sk-abc.", "sk-abc")).toBe(`Bearer ${REDACTED} and again ${REDACTED}.`);
  });

  it("leaves text alone when there is no secret", () => {
    expect(redactSecret("Bearer sk-abc", undefined)).toBe("Bearer sk-abc");
  });

  it("removes the front part of a key that a cut left at the end of the text, wherever the cut fell", () => {
    for (let kept = MIN_PARTIAL_SECRET; kept < KEY.length; kept += 1) {
      const shown = redactSecret(`you sent Bearer ${KEY.slice(0, kept)}`, KEY);
      expect(shown).toBe(`you sent Bearer ${REDACTED}`);
    }
  });

  it("removes the front part of a key cut short in the middle of a text, and its end at the start of one", () => {
    expect(redactSecret(`header Bearer ${KEY.slice(0, 20)}… (truncated)`, KEY)).toBe(
      `header Bearer ${REDACTED}… (truncated)`,
    );
    expect(redactSecret(`${KEY.slice(9)} was refused`, KEY)).toBe(`${REDACTED} was refused`);
  });

  it("leaves pieces shorter than the minimum, which ordinary words share with keys", () => {
    expect(redactSecret("ask-me", "sk-Q7vX")).toBe("ask-me");
  });

  it("hides the credentials of a URL in the text", () => {
    expect(redactSecret("GET http://me:pw@host/v1 failed", undefined)).toBe("GET http://***@host/v1 failed");
  });
});

describe("quoteServerText", () => {
  it("takes the key out before shortening, whatever position the cut falls at", () => {
    const limit = 60;
    for (let start = limit - KEY.length - 2; start <= limit + 2; start += 1) {
      const text = `${"x".repeat(start - "Bearer ".length)}Bearer ${KEY} and more words after the key`;
      const quoted = quoteServerText(text, limit, KEY);
      expect(fragmentsOf(KEY, quoted), `key at ${start}: ${quoted}`).toEqual([]);
      expect(quoted.length).toBeLessThanOrEqual(limit + 1);
    }
  });

  it("leaves a short text whole", () => {
    expect(quoteServerText("bad request", 300, KEY)).toBe("bad request");
  });
});
