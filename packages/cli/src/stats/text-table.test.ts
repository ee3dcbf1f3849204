import { describe, expect, it } from "vitest";
import { textTable } from "./text-table.js";

describe("textTable", () => {
  it("pads columns to their widest cell, numbers to the right, with a rule under the headings", () => {
    const table = textTable(
      [{ heading: "annotator" }, { heading: "answers", align: "right" }],
      [
        ["Judge-A", "12"],
        ["B", "7"],
      ],
    );
    expect(table.split("\n")).toEqual([
      "annotator  answers",
      "─────────  ───────",
      "Judge-A         12",
      "B                7",
    ]);
  });

  it("cuts cells longer than the column's limit and flattens line breaks", () => {
    const table = textTable([{ heading: "comment", maxWidth: 10 }], [["first line\nand a second, longer one"]]);
    expect(table.split("\n")[2]).toBe("first lin…");
    expect(textTable([{ heading: "c", maxWidth: 10 }], [["a\n b"]]).split("\n")[2]).toBe("a b");
  });
});
