import { describe, expect, it } from "vitest";
import { escapeLatex, formatCell, latexTable } from "./latex.js";

describe("latexTable", () => {
  it("writes a booktabs table with text left, numbers right and the layout's decimals", () => {
    const rows = [
      { group: "temp_0.2 & more", model: "m1", comments: 3, participation_rate: 2 / 3 },
      { group: "b", model: "all", comments: 0, participation_rate: null },
    ];
    const layout = {
      columns: ["group", "model", "comments", "participation_rate"],
      decimals: { participation_rate: 3 },
      latex: true,
    };
    expect(latexTable(rows, layout)).toBe(
      [
        "\\begin{tabular}{llrr}",
        "\\toprule",
        "group & model & comments & participation\\_rate \\\\",
        "\\midrule",
        "temp\\_0.2 \\& more & m1 & 3 & 0.667 \\\\",
        "b & all & 0 & -- \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "",
      ].join("\n"),
    );
  });
});

describe("formatCell", () => {
  it("rounds to the decimals given and writes a p below the last decimal as a bound", () => {
    expect(formatCell(1.23456, 2, "mean")).toBe("1.23");
    expect(formatCell(0.00042, 3, "p")).toBe("$<$ 0.001");
    expect(formatCell(0.0421, 3, "p")).toBe("0.042");
    expect(formatCell(12, undefined, "n")).toBe("12");
  });
});

describe("escapeLatex", () => {
  it("escapes LaTeX's special characters", () => {
    expect(escapeLatex("50% of $x_1 #{a} ~ ^ \\")).toBe(
      "50\\% of \\$x\\_1 \\#\\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}",
    );
  });
});
