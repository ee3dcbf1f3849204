import { SeededRandom } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { LcsScratch } from "./lcs.js";

/** The textbook O(n·m) dynamic programme, as an independent reference. */
function lcsByTable(a: readonly number[], b: readonly number[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] as number[];
      const previous = table[i - 1] as number[];
      row[j] =
        a[i - 1] === b[j - 1] ? (previous[j - 1] as number) + 1 : Math.max(previous[j] as number, row[j - 1] as number);
    }
  }
  return (table[a.length] as number[])[b.length] as number;
}

function lcs(scratch: LcsScratch, a: readonly number[], b: readonly number[], vocabulary = 10): number {
  scratch.setPattern(a, 0, a.length, vocabulary);
  return scratch.lengthWith(b, 0, b.length);
}

describe("LcsScratch", () => {
  it("finds the longest common subsequence of small cases worked by hand", () => {
    const scratch = new LcsScratch();
    // a b c d / a c d e: "a c d"
    expect(lcs(scratch, [0, 1, 2, 3], [0, 2, 3, 4])).toBe(3);
    // a b a b / b a b a: "b a b"
    expect(lcs(scratch, [0, 1, 0, 1], [1, 0, 1, 0])).toBe(3);
    expect(lcs(scratch, [0, 1], [2, 3])).toBe(0);
    expect(lcs(scratch, [], [1, 2])).toBe(0);
    expect(lcs(scratch, [1, 2], [])).toBe(0);
  });

  it("reads a slice of a larger array", () => {
    const scratch = new LcsScratch();
    const tokens = [9, 0, 1, 2, 9, 9, 2, 1, 0, 1, 2, 9];
    scratch.setPattern(tokens, 1, 3, 10); // 0 1 2
    expect(scratch.lengthWith(tokens, 6, 5)).toBe(3); // 2 1 0 1 2: "0 1 2"
  });

  it("agrees with the dynamic programme on random sequences spanning several 32-bit words", () => {
    const random = new SeededRandom(7);
    const scratch = new LcsScratch();
    for (let trial = 0; trial < 300; trial++) {
      const vocabulary = 1 + random.int(12);
      const a = Array.from({ length: random.int(140) }, () => random.int(vocabulary));
      const b = Array.from({ length: random.int(140) }, () => random.int(vocabulary));
      expect(lcs(scratch, a, b, vocabulary)).toBe(lcsByTable(a, b));
      expect(lcs(scratch, b, a, vocabulary)).toBe(lcsByTable(a, b));
    }
  });

  it("gives exact results at the word boundaries (31, 32, 33, 64 and 65 positions)", () => {
    const scratch = new LcsScratch();
    for (const length of [31, 32, 33, 64, 65]) {
      const same = Array.from({ length }, (_, index) => index % 3);
      expect(lcs(scratch, same, same, 3)).toBe(length);
      expect(lcs(scratch, same, [...same].reverse(), 3)).toBe(lcsByTable(same, [...same].reverse()));
    }
  });
});
