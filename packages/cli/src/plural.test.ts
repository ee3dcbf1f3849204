import { describe, expect, it } from "vitest";
import { countOf } from "./plural.js";

describe("countOf", () => {
  it("uses the singular for exactly one, the plural otherwise", () => {
    expect(countOf(1, "discussion")).toBe("1 discussion");
    expect(countOf(0, "discussion")).toBe("0 discussions");
    expect(countOf(2, "discussion")).toBe("2 discussions");
    expect(countOf(1, "reply", "replies")).toBe("1 reply");
    expect(countOf(3, "reply", "replies")).toBe("3 replies");
  });
});
