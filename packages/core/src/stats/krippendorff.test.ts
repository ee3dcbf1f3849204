import { describe, expect, it } from "vitest";
import { krippendorffAlpha, type Rating } from "./krippendorff.js";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four coders, twelve units,
// values 1–5, with missing values. Rows are coders; the function takes one array per unit.
const coders: Rating[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const textbookUnits = (coders[0] ?? []).map((_, unit) => coders.map((coder) => coder[unit] ?? null));

describe("krippendorffAlpha", () => {
  it("reproduces the textbook example with missing values at every level", () => {
    expect(krippendorffAlpha(textbookUnits, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(textbookUnits, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(textbookUnits, "interval")).toBeCloseTo(0.849, 3);
  });

  it("reproduces the textbook example of two coders and binary data", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(
      krippendorffAlpha(
        a.map((value, i) => [value, b[i] ?? null]),
        "nominal",
      ),
    ).toBeCloseTo(0.095, 3);
  });

  it("is 1 for perfect agreement and handles text labels", () => {
    const units = [
      ["toxic", "toxic"],
      ["fine", "fine", "fine"],
      ["toxic", "toxic", null],
    ];
    expect(krippendorffAlpha(units, "nominal")).toBe(1);
  });

  it("is NaN when nothing can be compared", () => {
    expect(krippendorffAlpha([[1], [2, null]], "nominal")).toBeNaN();
    expect(
      krippendorffAlpha(
        [
          [3, 3],
          [3, 3],
        ],
        "interval",
      ),
    ).toBeNaN();
  });
});
