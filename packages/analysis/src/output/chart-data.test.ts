import { describe, expect, it } from "vitest";
import { writeFixtures } from "../../test/fixtures.js";
import { tempFolder } from "../../test/helpers/discussion-files.js";
import { analyse } from "../analyse.js";
import { analysisCharts } from "./chart-data.js";

describe("analysisCharts", () => {
  it("bins words per comment, estimates diversity densities and keeps rates and intervals", async () => {
    const inputs = writeFixtures(tempFolder());
    // Source tests cannot start the built worker threads (see analyse.test.ts).
    const charts = analysisCharts(await analyse([`A=${inputs.study}`, inputs.old], { threads: 1 }));
    // Words: A has 3, 3, 1, 3, 2, 3 and old 2, 2; the longest is 3, so 20 bins of width 1 from 0.
    expect(charts.words.edges.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(charts.words.groups[0]?.counts.slice(0, 5)).toEqual([0, 1, 1, 4, 0]);
    expect(charts.words.groups[1]?.counts.slice(0, 3)).toEqual([0, 0, 2]);
    // Densities: A has two distinct diversities (7/9 and 1/5); old has one, so no density.
    expect(charts.diversity.points).toHaveLength(50);
    expect(charts.diversity.groups[0]?.density).toHaveLength(50);
    expect(charts.diversity.groups[1]?.density).toBeNull();
    expect(charts.participation.filter((row) => row.group === "A").map((row) => [row.model, row.rate])).toEqual([
      ["m1", 2 / 3],
      ["m2", 1],
    ]);
    expect(charts.annotations.find((row) => row.annotator === "Y")).toMatchObject({ mean: 13 / 3, low: 13 / 3 });
  });
});
