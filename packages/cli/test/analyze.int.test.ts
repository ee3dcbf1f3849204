import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importAnnotations, importDiscussions } from "@syndisco/core";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAnnotatedRun } from "./helpers/annotated-run.js";
import { runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** A folder with one SynDisco 2.0.x discussion file: prompts as JSON strings, persona fields as strings. */
function writeSyndisco20Folder(dir: string): string {
  const folder = join(dir, "syndisco-2.0");
  mkdirSync(folder);
  const persona = (username: string) => ({ username, age: "18-24", sex: "female" });
  writeFileSync(
    join(folder, "24-05-01-12-00.json"),
    JSON.stringify({
      id: "old-1",
      timestamp: "24-05-01-12-00",
      users: ["Emma", "Giannis"],
      moderator: null,
      user_prompts: ["Emma", "Giannis"].map((name) =>
        JSON.stringify({ context: "forum", instructions: "be yourself", type: "1", persona: persona(name) }),
      ),
      moderator_prompt: "",
      ctx_length: 5,
      logs: [
        { name: "Emma", text: "Cars should go.", model: "hardcoded" },
        { name: "Giannis", text: "I agree with that", model: "llama" },
        { name: "Emma", text: "I do not agree with that", model: "llama" },
      ],
    }),
  );
  return folder;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, "utf8"), { columns: true });
}

describe("syndisco analyze", () => {
  let dir: string;
  let run: string;
  let old: string;
  let reference: string;
  // The inputs serve every test of the block (tempDir's folders go after each test).
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "syndisco-analyze-"));
    run = join(dir, "run");
    await makeAnnotatedRun(run, { discussions: 6, turns: 4 });
    old = writeSyndisco20Folder(dir);
    reference = join(dir, "human.csv");
    writeFileSync(
      reference,
      "conv_id,text,user\nh1,cars are loud,a\nh1,cars are useful,b\nh1,bikes are better,a\nh2,I work from home,c\nh2,so do I,d\n",
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes CSV, LaTeX and JSON tables of a run, SynDisco 2.0.x files and a reference", async () => {
    const out = join(dir, "analysis");
    const result = await runCli(["analyze", `llm=${run}`, old, "--reference", reference, "--output-dir", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^group\s+discussions\s+comments/);
    expect(result.stdout).toMatch(/Wrote 18 files to /);

    // Dataset: the run's comments without its seed comments, as core's export reads them.
    const comments = (await importDiscussions(join(run, "discussions"))).filter((row) => row.model !== "hardcoded");
    // It says what it counts: the seed comments that export writes as rows are not comments here.
    const isSeed = (row: { model: string }) => row.model === "hardcoded";
    const runSeeds = (await importDiscussions(join(run, "discussions"))).filter(isSeed).length;
    const oldSeeds = (await importDiscussions(old)).filter(isSeed).length;
    expect(runSeeds).toBeGreaterThan(0);
    expect(result.stdout).toContain(
      `\n${comments.length + 2 + 5} comments in all (${runSeeds + oldSeeds} seed comments not counted; ` +
        "export writes them as rows with model hardcoded)\n",
    );
    const exported = await runCli(["export", run, "--out", join(dir, "rows.csv")]);
    expect(exported.stdout).toContain(
      `Wrote ${comments.length + runSeeds} comment rows (${runSeeds} seed comments among them, model hardcoded) to `,
    );
    const dataset = readCsv(join(out, "dataset.csv"));
    expect(dataset.map((row) => [row.group, row.discussions, row.comments])).toEqual([
      ["llm", "6", String(comments.length)],
      ["syndisco-2.0", "1", "2"],
      ["reference", "2", "5"],
    ]);

    // Diversity of the 2.0.x discussion: "i agree with that" / "i do not agree with that": L 4, P 4/6, R 4/4,
    // F1 0.8, diversity 0.2 (to floating point).
    const diversity = readCsv(join(out, "diversity.csv"));
    expect(Number(diversity.find((row) => row.conv_id === "old-1")?.diversity)).toBeCloseTo(0.2, 15);
    expect(diversity.filter((row) => row.group === "llm")).toHaveLength(6);

    // Annotation means: Judge-A's mean over the run's valid values of non-seed comments, from core's export.
    const seeds = new Set(
      (await importDiscussions(join(run, "discussions")))
        .filter((row) => row.model === "hardcoded")
        .map((row) => `${row.conv_id}#${row.message_order}`),
    );
    const judgeA = (await importAnnotations(join(run, "annotations"))).filter(
      (row) =>
        row.annotator === "Judge-A" &&
        typeof row.annotation_value === "number" &&
        !seeds.has(`${row.conv_id}#${row.message_order}`),
    );
    const expectedMean = judgeA.reduce((total, row) => total + (row.annotation_value as number), 0) / judgeA.length;
    const annotations = readCsv(join(out, "annotations.csv"));
    const judgeARow = annotations.find((row) => row.group === "llm" && row.annotator === "Judge-A");
    expect(Number(judgeARow?.n)).toBe(judgeA.length);
    expect(Number(judgeARow?.mean)).toBeCloseTo(expectedMean, 12);
    expect(Number(judgeARow?.ci_low)).toBeLessThanOrEqual(expectedMean);
    expect(Number(judgeARow?.ci_high)).toBeGreaterThanOrEqual(expectedMean);
    expect(annotations.map((row) => row.annotator)).toEqual(["Judge-A", "Judge-B", "Judge-C", "all"]);

    const divergence = readCsv(join(out, "divergence.csv"));
    expect(divergence.map((row) => [row.group, row.reference])).toEqual([
      ["llm", "reference"],
      ["syndisco-2.0", "reference"],
    ]);
    const latex = readFileSync(join(out, "dataset.tex"), "utf8");
    expect(latex).toMatch(/\\toprule\n.*\n\\midrule\nllm & 6 & \d+ & \d+\.\d\d & /);
    expect(latex).toContain("\\bottomrule");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.tables.dataset).toHaveLength(3);
    expect(summary.inputs.map((input: { label: string }) => input.label)).toEqual(["llm", "syndisco-2.0", "reference"]);
  });

  it("groups by a field with --by", async () => {
    const out = join(dir, "by-model");
    const result = await runCli(["analyze", run, old, "--by", "model", "--output-dir", out]);
    expect(result.code).toBe(0);
    const participation = readCsv(join(out, "participation.csv"));
    expect([...new Set(participation.map((row) => row.group))]).toEqual(["scripted-participant", "llama"]);
    expect(participation.find((row) => row.group === "llama" && row.model === "all")).toMatchObject({
      comments: "2",
      participation_rate: "1",
      model: "all",
    });
  });

  const badInputs: { name: string; args: (paths: { empty: string; badCsv: string }) => string[]; message: RegExp }[] = [
    {
      name: "a folder without discussion files",
      args: ({ empty }) => [empty],
      message: /error: .*empty: the folder holds no discussion files/,
    },
    {
      name: "a folder that does not exist",
      args: ({ empty }) => [join(empty, "nope")],
      message: /error: .*empty[\\/]nope: no such folder\. Give a run's or a study's output folder/,
    },
    {
      name: "a reference CSV without text",
      args: ({ badCsv }) => [run, "--reference", badCsv],
      message: /error: .*bad\.csv: text: the reference file has no column "text"/,
    },
    {
      name: "an unknown --by field",
      args: () => [run, "--by", "temprature"],
      message: /error: --by: no discussion file has the field "temprature"\. Group by one of: .*model/,
    },
  ];
  for (const { name, args, message } of badInputs) {
    it(`exits with 2 and writes nothing for ${name}`, async () => {
      const empty = join(dir, "empty");
      mkdirSync(empty, { recursive: true });
      const badCsv = join(dir, "bad.csv");
      writeFileSync(badCsv, "conv_id,message\n1,hello\n");
      const out = join(tempDir(), "out");
      const result = await runCli(["analyze", ...args({ empty, badCsv }), "--output-dir", out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("never replaces the tables of an earlier analysis", async () => {
    const out = tempDir();
    writeFileSync(join(out, "dataset.csv"), "mine");
    const result = await runCli(["analyze", run, "--output-dir", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already holds dataset\.csv/);
    expect(readdirSync(out)).toEqual(["dataset.csv"]);
  });
});
