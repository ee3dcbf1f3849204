import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { writeFixtures } from "../test/fixtures.js";
import { tempFolder } from "../test/helpers/discussion-files.js";
import { type Analysis, analyse } from "./analyse.js";
import { densityDivergence } from "./measures/kde.js";

// Source tests cannot start the built worker threads; test/diversity-pool.int.test.ts checks the default
// (all cores) against one thread on the built package.
const ONE_THREAD = { threads: 1 };

let inputs: { study: string; old: string };
let root: string;

beforeAll(() => {
  root = tempFolder();
  inputs = writeFixtures(root);
});

function rowOf(rows: Analysis["tables"]["dataset"], match: Record<string, unknown>) {
  return rows.find((row) => Object.entries(match).every(([key, value]) => row[key] === value));
}

describe("analyse: dataset statistics and participation (worked by hand)", () => {
  let analysis: Analysis;
  beforeAll(async () => {
    analysis = await analyse([`A=${inputs.study}`, inputs.old], ONE_THREAD);
  });

  it("names groups by label, or by the folder's name", () => {
    expect(analysis.tables.dataset.map((row) => row.group)).toEqual(["A", "old"]);
  });

  it("counts comments without seeds, empty ones included, and words per comment", () => {
    // Comments per discussion 4 and 2: mean 3, sd √2. Words 3, 3, 1, 3, 2, 3: mean 2.5; squares about the
    // mean 0.25·4 + 2.25 + 0.25 = 3.5, sd √(3.5 / 5).
    expect(analysis.tables.dataset[0]).toEqual({
      group: "A",
      discussions: 2,
      comments: 6,
      comments_per_discussion_mean: 3,
      comments_per_discussion_sd: Math.SQRT2,
      words_per_comment_mean: 2.5,
      words_per_comment_sd: Math.sqrt(3.5 / 5),
    });
  });

  it("says how many seed comments it left out: the one that opens discussion 1", () => {
    expect(analysis.seedCommentsLeftOut).toBe(1);
  });

  it("reads SynDisco 2.0.x files (prompts as JSON strings, persona fields as strings)", () => {
    expect(rowOf(analysis.tables.dataset, { group: "old" })).toMatchObject({ discussions: 1, comments: 2 });
  });

  it("gives participation per model and over all, moderators left out", () => {
    // m1: "the cat sat", `""` (blank), "the cat ran" → 2/3; m2: 2/2; all: 4/5
    const rows = analysis.tables.participation.filter((row) => row.group === "A");
    expect(rows).toEqual([
      { group: "A", model: "m1", comments: 3, participation_rate: 2 / 3 },
      { group: "A", model: "m2", comments: 2, participation_rate: 1 },
      { group: "A", model: "all", comments: 5, participation_rate: 0.8 },
    ]);
  });

  it("gives the moderator intervention rate over moderator comments only", () => {
    expect(analysis.tables.moderation.filter((row) => row.group === "A")).toEqual([
      { group: "A", model: "m1", comments: 1, intervention_rate: 1 },
      { group: "A", model: "all", comments: 1, intervention_rate: 1 },
    ]);
    expect(rowOf(analysis.tables.moderation, { group: "old", model: "all" })).toMatchObject({
      comments: 0,
      intervention_rate: null,
    });
  });

  it("gives each discussion's diversity (worked by hand)", () => {
    // d1, blank left out: "the cat sat" / "Please be civil" / "the cat ran": F1 0, 2/3, 0 → 1 − 2/9.
    // d2: "a dog" / "a dog barked": L 2, P 2/3, R 1, F1 4/5 → 1/5. old: identical tokens → 0.
    const byId = Object.fromEntries(analysis.tables.diversity.map((row) => [row.conv_id, row]));
    expect(byId.d1).toMatchObject({ group: "A", comments: 3 });
    expect(byId.d1?.diversity).toBeCloseTo(7 / 9, 15);
    expect(byId.d2?.diversity).toBeCloseTo(1 / 5, 15);
    expect(byId["old-1"]).toMatchObject({ group: "old", comments: 2, diversity: 0 });
    expect(analysis.tables.diversity_summary[0]).toMatchObject({ group: "A", discussions: 2 });
    expect(analysis.tables.diversity_summary[0]?.mean).toBeCloseTo((7 / 9 + 1 / 5) / 2, 15);
  });

  it("joins annotations to their comments by message id and leaves seed comments out", () => {
    // X: d1 2, 4, 5 (the seed's 3 left out), d2 1 → pooled mean 12/4 = 3. Resample means: d1+d1 = 22/6,
    // d1+d2 = 3, d2+d2 = 1, so the 2.5% and 97.5% quantiles of 2,000 of them are 1 and 22/6.
    // 8 annotation rows; the one of the seed comment has no comment to join.
    expect(analysis.annotationsJoined).toBe(7);
    const x = rowOf(analysis.tables.annotations, { group: "A", annotator: "X" });
    expect(x).toMatchObject({ measure: "annotation", n: 4, mean: 3, ci_low: 1, discussions: 2 });
    expect(x?.ci_high).toBeCloseTo(22 / 6, 15);
    // Y: d1 only, 4, 4, 5: every resample is d1 itself.
    expect(rowOf(analysis.tables.annotations, { group: "A", annotator: "Y" })).toMatchObject({
      n: 3,
      mean: 13 / 3,
      ci_low: 13 / 3,
      ci_high: 13 / 3,
    });
    // all annotators pooled: 2, 4, 5, 4, 4, 5 in d1 and 1 in d2: 25 / 7
    expect(rowOf(analysis.tables.annotations, { group: "A", annotator: "all" })?.mean).toBeCloseTo(25 / 7, 15);
  });

  it("gives each comment's polarisation as nDFU, comments with two or more values", () => {
    // "the cat sat": 2 and 4 → [1, 0, 0, 0, 1], nDFU 1; the others 4, 4 and 5, 5 → 0. Mean 1/3.
    expect(analysis.tables.polarisation).toEqual([
      {
        group: "A",
        measure: "annotation",
        comments: 3,
        ndfu_mean: 1 / 3,
        ndfu_sd: Math.sqrt((4 / 9 + 1 / 9 + 1 / 9) / 2),
        ndfu_q1: 0,
        ndfu_median: 0,
        ndfu_q3: 0.5,
      },
    ]);
  });

  it("runs an ANOVA per annotator and measure across the groups that have values", () => {
    expect(rowOf(analysis.tables.anova, { annotator: "X" })).toMatchObject({ groups: 1, n: 4, f: null, p: null });
  });
});

describe("analyse --by", () => {
  it("groups by a study's factor found in the files", async () => {
    const analysis = await analyse([inputs.study, inputs.old], { ...ONE_THREAD, by: ["temperature"] });
    expect(analysis.tables.dataset.map((row) => [row.group, row.discussions, row.temperature])).toEqual([
      ["0.2", 1, "0.2"],
      ["0.7", 1, "0.7"],
      ["(missing)", 1, "(missing)"],
    ]);
    // d1 (X: 2, 4, 5; Y: 4, 4, 5) against d2 (X: 1): ANOVA across the two cells for X
    // SSB = 3·(2/3)² + 1·2² = 16/3, SSW = 42/9 = 14/3, F = (16/3) / (14/3 / 2) = 16/7.
    // python3 -c 'from scipy import stats; print(stats.f_oneway([2,4,5],[1]))'
    // → statistic=2.2857142857142856, pvalue=0.2697032566597785
    const x = analysis.tables.anova.find((row) => row.annotator === "X");
    expect(x).toMatchObject({ groups: 2, n: 4, df_between: 1, df_within: 2 });
    expect(x?.f).toBeCloseTo(ANOVA_X.f, 12);
    expect(x?.p).toBeCloseTo(ANOVA_X.p, 12);
  });

  it("groups by model, folder and label, and by several fields at once", async () => {
    const byModel = await analyse([inputs.study, inputs.old], { ...ONE_THREAD, by: ["model"] });
    expect(byModel.tables.dataset.map((row) => row.group)).toEqual(["m1", "m2", "llama"]);
    const byTwo = await analyse([`A=${inputs.study}`, inputs.old], { ...ONE_THREAD, by: ["label", "folder"] });
    expect(byTwo.tables.dataset.map((row) => row.group)).toEqual(["A / discussions", "old / old"]);
  });

  it("rejects a field that no discussion file has, naming it and listing those that exist", async () => {
    await expect(analyse([inputs.study], { ...ONE_THREAD, by: ["temprature"] })).rejects.toThrow(
      /--by: no discussion file has the field "temprature". Group by one of: .*temperature/,
    );
  });
});

describe("analyse --reference", () => {
  it("adds human discussions as one more group and measures divergence from them", async () => {
    const csv = join(root, "human.csv");
    writeFileSync(
      csv,
      'conv_id,text,user\nh1,we all agree,p1\nh1,"no, we do not agree",p2\nh2,cats are great,p3\nh2,dogs are great too,p1\nh2,"""""",p2\n',
    );
    const analysis = await analyse([inputs.study, inputs.old], { ...ONE_THREAD, reference: csv });
    expect(analysis.tables.dataset.at(-1)).toMatchObject({ group: "reference", discussions: 2, comments: 5 });
    // h1: "we all agree" / "no we do not agree": L 2 (we, agree), P 2/5, R 2/3, F1 1/2 → 1/2
    // h2: `""` left out; "cats are great" / "dogs are great too": L 2, P 2/4, R 2/3, F1 4/7 → 3/7
    const reference = analysis.tables.diversity.filter((row) => row.group === "reference");
    expect(reference[0]?.diversity).toBe(0.5);
    expect(reference[1]?.diversity).toBeCloseTo(3 / 7, 15);
    expect(rowOf(analysis.tables.participation, { group: "reference", model: "all" })).toMatchObject({
      comments: 5,
      participation_rate: 0.8,
    });
    expect(analysis.tables.divergence).toEqual([
      {
        group: "study",
        reference: "reference",
        n: 2,
        js_divergence: densityDivergence(diversitiesOf(analysis, "study"), diversitiesOf(analysis, "reference")),
        reference_n: 2,
      },
      { group: "old", reference: "reference", n: 1, js_divergence: null, reference_n: 2 },
    ]);
  });

  it("rejects a CSV without conv_id or text, naming the file and the column", async () => {
    const csv = join(root, "bad.csv");
    writeFileSync(csv, "id,text\n1,hello\n");
    await expect(analyse([inputs.study], { ...ONE_THREAD, reference: `humans=${csv}` })).rejects.toThrow(
      `${csv}: conv_id: the reference file has no column "conv_id"`,
    );
  });
});

describe("analyse: bad input", () => {
  it("rejects a folder without discussion files, naming it", async () => {
    const empty = tempFolder();
    writeFileSync(join(empty, "study.json"), "{}");
    await expect(analyse([empty], ONE_THREAD)).rejects.toThrow(`${empty}: the folder holds no discussion files`);
  });
});

function diversitiesOf(analysis: Analysis, group: string): number[] {
  return analysis.tables.diversity.filter((row) => row.group === group).map((row) => row.diversity as number);
}

const ANOVA_X = { f: 16 / 7, p: 0.2697032566597785 };

describe("analyse: SynDisco 2.2 files", () => {
  it("reads 2.2 discussions (moderator from its prompt) and joins 2.2 annotations by position", async () => {
    const folder = fileURLToPath(new URL("../../core/test/fixtures/upstream-2.2", import.meta.url));
    const analysis = await analyse([folder], ONE_THREAD);
    // Seed by Giannis, then Zoë, Moderator, Giannis: 3 comments.
    expect(analysis.tables.dataset[0]).toMatchObject({ group: "upstream-2.2", discussions: 1, comments: 3 });
    expect(analysis.tables.moderation.at(-1)).toMatchObject({ model: "all", comments: 1, intervention_rate: 1 });
    // No two comments share a token ("keeps" is not "keep"): diversity 1.
    expect(analysis.tables.diversity[0]).toMatchObject({ comments: 3, diversity: 1 });
    // Annotations 1 (the seed's, left out), 2, 1, 3: mean 2.
    expect(analysis.tables.annotations[0]).toMatchObject({ n: 3, mean: 2, ci_low: 2, ci_high: 2 });
  });
});
