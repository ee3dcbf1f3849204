import { annotationStats } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { scaleRows } from "../../test/helpers/stats-rows.js";
import { STATS_CSV_COLUMNS, statsCsvRows } from "./stats-csv-rows.js";

describe("statsCsvRows", () => {
  const { annotations, discussions } = scaleRows();
  const rows = statsCsvRows(annotationStats(annotations, { discussions, by: ["annot_age"] }));

  it("gives every row every column in the same order", () => {
    for (const row of rows) expect(Object.keys(row)).toEqual([...STATS_CSV_COLUMNS]);
  });

  it("holds a row per annotator, level, pair and level, comment, and breakdown group", () => {
    const sections = rows.map((row) => row.section);
    expect(sections.filter((section) => section === "annotator")).toHaveLength(2);
    expect(sections.filter((section) => section === "agreement")).toHaveLength(2);
    expect(sections.filter((section) => section === "pair")).toHaveLength(2);
    expect(sections.filter((section) => section === "comment")).toHaveLength(3);
    expect(sections.filter((section) => section === "breakdown")).toHaveLength(2);
  });

  it("has no agreement rows with one annotator, whose alpha would be empty", () => {
    const alone = annotations.filter((row) => row.annotator === "A");
    const sections = statsCsvRows(annotationStats(alone, { discussions })).map((row) => row.section);
    expect(sections.filter((section) => section === "annotator")).toHaveLength(1);
    expect(sections).not.toContain("agreement");
    expect(sections).not.toContain("pair");
    expect(sections.filter((section) => section === "comment")).toHaveLength(3);
  });

  it("fills the cells of each section", () => {
    expect(rows.find((row) => row.section === "annotator" && row.annotator === "B")).toMatchObject({
      answers: 3,
      valid: 2,
      invalid: 1,
      invalid_share: 1 / 3,
      measure: null,
    });
    expect(rows.find((row) => row.section === "pair" && row.level === "interval")).toMatchObject({
      annotator: "A",
      other_annotator: "B",
      alpha: expect.closeTo(1 - 6 / 22, 10),
    });
    expect(rows.find((row) => row.section === "comment" && row.message_order === 1)).toMatchObject({
      measure: "answer",
      user: "Emma35",
      count: 2,
      mean: 1.5,
      distribution: { "1": 1, "2": 1 },
    });
    expect(rows.find((row) => row.section === "breakdown" && row.group === 30)).toMatchObject({
      attribute: "annot_age",
      count: 3,
      mean: 3,
    });
  });
});
