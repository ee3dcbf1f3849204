import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { writeFixtures } from "../../test/fixtures.js";
import { tempFolder } from "../../test/helpers/discussion-files.js";
import { type Analysis, analyse } from "../analyse.js";
import { writeAnalysis } from "./write-analysis.js";

let analysis: Analysis;

beforeAll(async () => {
  const inputs = writeFixtures(tempFolder());
  // Source tests cannot start the built worker threads (see analyse.test.ts).
  analysis = await analyse([inputs.study, inputs.old], { by: ["temperature"], threads: 1 });
});

describe("writeAnalysis", () => {
  it("writes one CSV per table with the fixed columns first, LaTeX tables and a JSON summary", async () => {
    const out = join(tempFolder(), "analysis");
    await writeAnalysis(analysis, out);
    expect(readdirSync(out).sort()).toEqual(
      [
        "annotations.csv",
        "annotations.tex",
        "anova.csv",
        "anova.tex",
        "dataset.csv",
        "dataset.tex",
        "divergence.csv",
        "divergence.tex",
        "diversity.csv",
        "diversity_summary.csv",
        "diversity_summary.tex",
        "moderation.csv",
        "moderation.tex",
        "participation.csv",
        "participation.tex",
        "polarisation.csv",
        "polarisation.tex",
        "summary.json",
      ].sort(),
    );
    const dataset = readFileSync(join(out, "dataset.csv"), "utf8");
    expect(dataset.split("\n")[0]).toBe(
      "group,discussions,comments,comments_per_discussion_mean,comments_per_discussion_sd,words_per_comment_mean,words_per_comment_sd,temperature",
    );
    expect(readFileSync(join(out, "divergence.csv"), "utf8")).toBe("group,reference,n,js_divergence\n");
    expect(readFileSync(join(out, "annotations.csv"), "utf8").split("\n")[0]).toMatch(
      /^group,annotator,measure,n,mean,ci_low,ci_high,/,
    );
    expect(readFileSync(join(out, "diversity.csv"), "utf8").split("\n")[0]).toMatch(
      /^group,conv_id,comments,diversity,/,
    );
  });

  it("keeps full precision in CSV and JSON", async () => {
    const out = join(tempFolder(), "analysis");
    await writeAnalysis(analysis, out);
    const rows = parse(readFileSync(join(out, "diversity.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    const d1 = rows.find((row) => row.conv_id === "d1");
    expect(Number(d1?.diversity)).toBe(1 - 2 / 3 / 3);
    expect(d1?.diversity).toBe(String(1 - 2 / 3 / 3));
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.tables.diversity.find((row: { conv_id: string }) => row.conv_id === "d1").diversity).toBe(
      1 - 2 / 3 / 3,
    );
    expect(summary.by).toEqual(["temperature"]);
    expect(summary.seed).toBe(0);
  });

  it("writes nothing when one of its files is already there", async () => {
    const out = tempFolder();
    writeFileSync(join(out, "anova.tex"), "mine");
    await expect(writeAnalysis(analysis, out)).rejects.toThrow(/already holds anova.tex/);
    expect(readdirSync(out)).toEqual(["anova.tex"]);
    expect(readFileSync(join(out, "anova.tex"), "utf8")).toBe("mine");
    expect(existsSync(join(out, "dataset.csv"))).toBe(false);
  });
});
