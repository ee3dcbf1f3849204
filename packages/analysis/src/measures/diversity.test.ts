import { describe, expect, it } from "vitest";
import { DiversityCalculator } from "./diversity.js";
import { rougeLF1 } from "./rouge-l.js";

describe("rougeLF1", () => {
  it("is 2PR/(P+R) with P = L/len(second) and R = L/len(first)", () => {
    // L = 3, first 4 tokens, second 5: P = 3/5, R = 3/4, F1 = 2·0.45/1.35 = 2/3
    expect(rougeLF1(3, 4, 5)).toBeCloseTo(2 / 3, 15);
    expect(rougeLF1(2, 2, 2)).toBe(1);
  });

  it("is 0 when either list is empty or nothing is shared", () => {
    expect(rougeLF1(0, 3, 4)).toBe(0);
    expect(rougeLF1(0, 0, 4)).toBe(0);
    expect(rougeLF1(0, 4, 0)).toBe(0);
  });
});

describe("DiversityCalculator", () => {
  it("is 1 − the mean ROUGE-L F1 over unordered pairs (worked by hand)", () => {
    // "the cat sat" / "the cat ran": L = 2, P = R = 2/3, F1 = 2/3; both against "a dog": 0.
    // Mean F1 = (2/3 + 0 + 0) / 3 = 2/9, so diversity = 7/9.
    const result = new DiversityCalculator().diversity(["The cat sat.", "the CAT ran", "A dog!"]);
    expect(result.comments).toBe(3);
    expect(result.diversity).toBeCloseTo(7 / 9, 15);
  });

  it("leaves out comments made only of whitespace and double quotes", () => {
    const calculator = new DiversityCalculator();
    const result = calculator.diversity(["the cat sat", ' "" ', "the cat sat"]);
    expect(result).toEqual({ comments: 2, diversity: 0 });
  });

  it("keeps a comment without tokens: it shares nothing with the others", () => {
    // "?!" is not blank but has no tokens: F1 0 with both; the other pair is identical (F1 1).
    const result = new DiversityCalculator().diversity(["a b", "?!", "a b"]);
    expect(result.diversity).toBeCloseTo(1 - 1 / 3, 15);
  });

  it("gives no diversity with fewer than two comments", () => {
    const calculator = new DiversityCalculator();
    expect(calculator.diversity(["only one", "   "])).toEqual({ comments: 1, diversity: null });
    expect(calculator.diversity([])).toEqual({ comments: 0, diversity: null });
  });

  it("reuses its buffers across discussions of different sizes without carrying anything over", () => {
    const calculator = new DiversityCalculator();
    const long = Array.from({ length: 80 }, (_, index) => `word${index % 7} other${index % 5} x${index}`);
    calculator.diversity(long);
    expect(calculator.diversity(["The cat sat.", "the CAT ran", "A dog!"]).diversity).toBeCloseTo(7 / 9, 15);
  });
});
