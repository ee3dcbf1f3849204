import { describe, expect, it } from "vitest";
import { countWords, diversityTokens, isBlankComment } from "./text.js";

describe("countWords", () => {
  it("counts whitespace-separated tokens, punctuation included", () => {
    expect(countWords("  Hello,  world!\tIt's\n2024 ")).toBe(4);
    expect(countWords("one")).toBe(1);
  });

  it("gives 0 for empty and whitespace-only text", () => {
    expect(countWords("")).toBe(0);
    expect(countWords(" \n\t ")).toBe(0);
  });
});

describe("isBlankComment", () => {
  it("is true for text made only of whitespace and double quotes", () => {
    expect(isBlankComment("")).toBe(true);
    expect(isBlankComment(' " "\n"" ')).toBe(true);
  });

  it("is false as soon as anything else appears", () => {
    expect(isBlankComment('"ok"')).toBe(false);
    expect(isBlankComment("'")).toBe(false);
    expect(isBlankComment("...")).toBe(false);
  });
});

describe("diversityTokens", () => {
  it("lower-cases and splits on every run of characters other than a-z and 0-9", () => {
    expect(diversityTokens("Hello, WORLD! It's 2024...")).toEqual(["hello", "world", "it", "s", "2024"]);
  });

  it("treats accented letters as separators, as the definition says", () => {
    expect(diversityTokens("Café au-lait")).toEqual(["caf", "au", "lait"]);
  });

  it("gives no tokens for text without letters or digits", () => {
    expect(diversityTokens(" ?! -- ")).toEqual([]);
  });
});
