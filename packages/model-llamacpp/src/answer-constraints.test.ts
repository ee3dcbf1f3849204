import { describe, expect, it } from "vitest";
import { isWholeJson } from "./answer-constraints.js";

describe("isWholeJson", () => {
  it("tells a whole JSON answer from one cut short", () => {
    expect(isWholeJson('{ "answer": "toxic" }')).toBe(true);
    expect(isWholeJson('{ "answer": "tox')).toBe(false);
    expect(isWholeJson("")).toBe(false);
  });
});
