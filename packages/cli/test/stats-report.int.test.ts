import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { importDiscussions, parseAnswer } from "@syndisco/core";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATS_CSV_COLUMNS } from "../src/stats/stats-csv-rows.js";
import { judgeNames, judgeReply, makeAnnotatedRun, TOXICITY_SCALE } from "./helpers/annotated-run.js";
import { runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** The valid scores the fixture's judges give a comment, read from their scripted replies. */
function validScores(comment: string): number[] {
  return judgeNames().flatMap((judge) => {
    const parsed = parseAnswer(TOXICITY_SCALE, judgeReply(judge, comment));
    return parsed.valid ? [parsed.value as number] : [];
  });
}

describe("syndisco stats", () => {
  // One run for every test here (useTempDirs removes its folders after each test).
  const run = join(mkdtempSync(join(tmpdir(), "syndisco-cli-stats-")), "run");
  beforeAll(() => makeAnnotatedRun(run, { discussions: 5, turns: 3 }));
  afterAll(() => rmSync(dirname(run), { recursive: true, force: true }));

  it("names a discussions folder given instead of the run's output folder, and says which folder to give", async () => {
    const result = await runCli(["stats", join(run, "discussions")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${join(run, "discussions")}: this folder holds discussion files, and stats reads annotations. ` +
        `Give the run's output folder (${run}) or its annotations folder (${join(run, "annotations")})`,
    );
    expect(result.stderr).not.toContain("not a SynDisco 2.0 annotation file");
  });

  it("prints the tables and writes each comment's count and mean of valid answers to the CSV", async () => {
    const csv = join(tempDir(), "stats.csv");
    const result = await runCli(["stats", run, "--by", "sex", "annot_education_level", "--csv", csv]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const comments = await importDiscussions(join(run, "discussions"));
    const refused = comments.filter(
      (comment) => !parseAnswer(TOXICITY_SCALE, judgeReply("Judge-C", comment.message)).valid,
    );
    expect(refused.length).toBeGreaterThan(0);
    const valid = comments.length - refused.length;
    expect(result.stdout).toMatch(
      new RegExp(`^Judge-C +scripted-judge-c +${comments.length} +${valid} +${refused.length} +0 `, "m"),
    );
    expect(result.stdout).toMatch(/^answer +ordinal +\d\.\d{3} +\d+ +\d+$/m);
    expect(result.stdout).toMatch(/^Agreement per pair of annotators$/m);
    expect(result.stdout).toMatch(/^answer by sex\n/m);
    expect(result.stdout).toMatch(/^answer by annot_education_level\n/m);
    expect(result.stdout).toMatch(/Wrote \d+ rows of statistics to .*stats\.csv/);

    const rows = parse(readFileSync(csv, "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...STATS_CSV_COLUMNS]);
    const commentRows = rows.filter((row) => row.section === "comment");
    expect(commentRows).toHaveLength(comments.length);
    for (const row of commentRows) {
      const comment = comments.find(
        (entry) => entry.conv_id === row.conv_id && String(entry.message_order) === row.message_order,
      );
      const scores = validScores(comment?.message ?? "");
      expect(row.user).toBe(comment?.user);
      expect(Number(row.count)).toBe(scores.length);
      expect(Number(row.mean)).toBeCloseTo(scores.reduce((total, score) => total + score, 0) / scores.length, 10);
    }
    const bySex = rows.filter((row) => row.section === "breakdown" && row.attribute === "sex").map((row) => row.group);
    expect(bySex).toEqual(expect.arrayContaining(["female", "male"]));

    const again = await runCli(["stats", run, "--csv", csv]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/stats\.csv: the file already exists and SynDisco never overwrites output/);
  });

  it("reads a bare annotations folder, with the commenters' attributes only when told where the discussions are", async () => {
    const bare = await runCli(["stats", join(run, "annotations"), "--by", "sex"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(
      /error: by: no annotation has the attribute "sex"\. Use one of: .*annot_age.*\(the commenter's attributes need the discussions\)/,
    );
    const told = await runCli([
      "stats",
      join(run, "annotations"),
      "--discussions",
      join(run, "discussions"),
      "--by",
      "sex",
    ]);
    expect(told.stderr).toBe("");
    expect(told.code).toBe(0);
    expect(told.stdout).toMatch(/^answer by sex\n/m);
  });

  it("names a folder that does not exist", async () => {
    const result = await runCli(["stats", join(run, "nowhere")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /nowhere: no such folder\. Give a folder of annotation files, or a run's output folder/,
    );
  });
});

describe("syndisco report", () => {
  it("writes one HTML file, refuses to replace it, and refuses a folder without discussions", async () => {
    const dir = tempDir();
    const run = join(dir, "run");
    await makeAnnotatedRun(run, { discussions: 3, turns: 2 });
    const out = join(dir, "report.html");
    const result = await runCli(["report", run, "--out", out, "--title", "Toxicity study"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Wrote the report of 3 discussions and \d+ annotations to .*report\.html \(\d+\.\d MB\)$/m,
    );
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<title>Toxicity study</title>");
    expect(html).toMatch(/Chart\.js v4\.\d+\.\d+/);

    const again = await runCli(["report", run, "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/report\.html: the file already exists and SynDisco never overwrites output/);

    const notARun = await runCli(["report", dir, "--out", join(dir, "other.html")]);
    expect(notARun.code).toBe(2);
    expect(notARun.stderr).toMatch(
      /: not a run's output folder \(it has no discussions\/ folder\)\. Give the output folder of a run/,
    );
    expect(existsSync(join(dir, "other.html"))).toBe(false);
  });
});
