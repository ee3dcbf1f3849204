import { describe, expect, it } from "vitest";
import { REDACTED, redactSecret } from "./redact.js";

describe("redactSecret", () => {
  it("replaces every occurrence of the secret", () => {
    expect(redactSecret("Bearer sk-abc and again sk-abc.", "sk-abc")).toBe(`Bearer ${REDACTED} and again ${REDACTED}.`);
  });

  it("leaves text alone when there is no secret", () => {
    expect(redactSecret("Bearer sk-abc", undefined)).toBe("Bearer sk-abc");
  });
});
