import { describe, expect, it } from "vitest";
import { leftPadCaches, type RowCache, truncateRowCache } from "./left-padded-cache.js";

/** A row cache whose values say where they came from: head * 100 + token * 10 + dim (+ base). */
function rowCache(heads: number, tokens: number, headDim: number, base = 0): RowCache {
  const values = new Float32Array(heads * tokens * headDim);
  for (let head = 0; head < heads; head += 1) {
    for (let token = 0; token < tokens; token += 1) {
      for (let dim = 0; dim < headDim; dim += 1) {
        values[(head * tokens + token) * headDim + dim] = base + head * 100 + token * 10 + dim;
      }
    }
  }
  return { values, heads, tokens, headDim };
}

describe("leftPadCaches", () => {
  it("puts each row's tokens at the end of its row, with zeros before them, head by head", () => {
    const batch = leftPadCaches([rowCache(2, 1, 2, 1000), rowCache(2, 3, 2, 2000), undefined], {
      heads: 2,
      pastLength: 3,
      headDim: 2,
    });
    expect(batch).toBeInstanceOf(Float32Array);
    // [rows, heads, pastLength, headDim] = [3, 2, 3, 2]
    expect([...batch]).toEqual([
      // row 0: one token, two positions of padding in each head
      ...[0, 0, 0, 0, 1000, 1001],
      ...[0, 0, 0, 0, 1100, 1101],
      // row 1: fills its row
      ...[2000, 2001, 2010, 2011, 2020, 2021],
      ...[2100, 2101, 2110, 2111, 2120, 2121],
      // row 2: no cache, all padding
      ...[0, 0, 0, 0, 0, 0],
      ...[0, 0, 0, 0, 0, 0],
    ]);
  });

  it("keeps the value type of the rows (float16 is held as 16-bit words)", () => {
    const row = { values: new Uint16Array([1, 2, 3, 4]), heads: 1, tokens: 2, headDim: 2 };
    const batch = leftPadCaches([row, undefined], { heads: 1, pastLength: 2, headDim: 2 });
    expect(batch).toBeInstanceOf(Uint16Array);
    expect([...batch]).toEqual([1, 2, 3, 4, 0, 0, 0, 0]);
  });

  it("returns a single row that fills the shape without copying it", () => {
    const row = rowCache(2, 3, 2);
    expect(leftPadCaches([row], { heads: 2, pastLength: 3, headDim: 2 })).toBe(row.values);
  });

  it("refuses a row that does not fit the shape, or holds another value type", () => {
    expect(() => leftPadCaches([rowCache(2, 4, 2)], { heads: 2, pastLength: 3, headDim: 2 })).toThrow(
      /row 0: a cache of 2×4×2 does not fit 2×3×2/,
    );
    const words = { values: new Uint16Array(4), heads: 1, tokens: 2, headDim: 2 };
    expect(() => leftPadCaches([rowCache(1, 2, 2), words], { heads: 1, pastLength: 2, headDim: 2 })).toThrow(
      /row 1: its cache holds another value type/,
    );
  });
});

describe("truncateRowCache", () => {
  it("keeps the first tokens of every head", () => {
    const short = truncateRowCache(rowCache(2, 3, 2), 2);
    expect(short).toMatchObject({ heads: 2, tokens: 2, headDim: 2 });
    expect([...short.values]).toEqual([0, 1, 10, 11, 100, 101, 110, 111]);
  });

  it("returns the cache itself when all of it is asked for, and refuses more", () => {
    const cache = rowCache(1, 2, 2);
    expect(truncateRowCache(cache, 2)).toBe(cache);
    expect(() => truncateRowCache(cache, 3)).toThrow(/a cache of 2 tokens has no first 3/);
  });
});
