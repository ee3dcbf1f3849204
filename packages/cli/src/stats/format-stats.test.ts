import { annotationStats } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { scaleRows } from "../../test/helpers/stats-rows.js";
import { formatStats } from "./format-stats.js";

describe("formatStats", () => {
  const { annotations, discussions } = scaleRows();
  const stats = annotationStats(annotations, { discussions, by: ["sex"] });

  it("prints the annotators' invalid share and alpha per level", () => {
    const text = formatStats(stats, { maxRows: 0 });
    expect(text).toMatch(/^Annotators\nannotator +model +answers +valid +invalid +unparsed +invalid share\n/);
    expect(text).toMatch(/^A +scripted +3 +3 +0 +0 +0\.0%$/m);
    expect(text).toMatch(/^B +scripted +3 +2 +1 +0 +33\.3%$/m);
    // Hand-computed in core's tests: ordinal 1 − 6/36, interval 1 − 6/22.
    expect(text).toMatch(/^answer +ordinal +0\.833 +2 +4$/m);
    expect(text).toMatch(/^answer +interval +0\.727 +2 +4$/m);
    expect(text).not.toContain("Agreement per pair");
  });

  it("prints each comment's count, mean and spread, and the breakdown by an attribute", () => {
    const text = formatStats(stats, { maxRows: 0 });
    expect(text).toMatch(/^d1 +1 +Emma35 +2 +1\.50 +0\.71 +1 +50% +comment number 1$/m);
    expect(text).toMatch(/^d1 +3 +Sofia +1 +5 +– +5 +100% +comment number 3$/m);
    expect(text).toMatch(/^answer by sex\nsex +n +mean +sd +values\n/m);
    expect(text).toMatch(/^male +2 +3 +0 +3:2$/m);
    expect(text).toMatch(/^\(none\) +1 +5 +– +5:1$/m);
  });

  it("shows only the first rows of long tables and says where the rest are", () => {
    const text = formatStats(stats, { maxRows: 2 });
    expect(text).toContain("Comments: answer (first 2 of 3; --csv writes all, --max-rows 0 shows all)");
    expect(text).not.toMatch(/comment number 3/);
  });

  it("says that agreement needs two annotators instead of printing an empty table for one", () => {
    const one = annotationStats(
      annotations.filter((row) => row.annotator === "A"),
      { discussions },
    );
    const text = formatStats(one, { maxRows: 0 });
    expect(text).toContain("Agreement: not computed; it needs at least two annotators, and A is the only one.");
    expect(text).not.toMatch(/Krippendorff|^answer +ordinal/m);
    expect(text).toMatch(/^d1 +1 +Emma35 +1 +1 +– +1 +100% +comment number 1$/m);
  });

  it("says so when no answer can be used", () => {
    const none = annotationStats(annotations.filter((row) => row.annotation_value === null));
    expect(formatStats(none, { maxRows: 20 })).toContain("No annotation has a usable value: nothing to compare.");
  });
});
