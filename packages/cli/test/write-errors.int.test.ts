import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./helpers/cli-process.js";

/**
 * What every command says about a path under a file, which is named as the user named it (CI runs as root,
 * who may write anywhere else, so this is the unwritable path every machine can make).
 */
const underAFile = (blocker: string) =>
  `(a part of the path is a file, not a folder, ENOTDIR). ${blocker} is a file: choose a path under a folder`;

describe("a path that cannot be written: every command exits 2 with the user's path and a fix", () => {
  const config = join(REPO_ROOT, "examples", "custom-backend", "syndisco.yaml");
  let dir: string;
  let run: string;

  beforeAll(async () => {
    // One folder for every case (useTempDirs would remove it after the first).
    dir = mkdtempSync(join(tmpdir(), "syndisco-cli-"));
    run = join(dir, "run");
    // The echo example needs no model: a real run's output folder in a second.
    const made = await runCli(["run", config, "--output-dir", run, "--quiet"]);
    expect(made.code).toBe(0);
    writeFileSync(join(dir, "blocker"), "a file where a folder should be");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string[], () => string][] = [
    [
      "export",
      () => ["export", run, "--out", "blocker/comments.csv"],
      () => `blocker/comments.csv: cannot write the file ${underAFile("blocker")}`,
    ],
    [
      "export --format jsonl",
      () => ["export", run, "--format", "jsonl", "--out", "blocker/c.jsonl"],
      () => `blocker/c.jsonl: cannot write the file ${underAFile("blocker")}`,
    ],
    [
      "report",
      () => ["report", run, "--out", "blocker/report.html"],
      () => `blocker/report.html: cannot write the file ${underAFile("blocker")}`,
    ],
    [
      "stats --csv",
      () => ["stats", run, "--csv", "blocker/stats.csv"],
      () => `blocker/stats.csv: cannot write the file ${underAFile("blocker")}`,
    ],
    ["init", () => ["init", "blocker/study"], () => `blocker/study: cannot create the folder ${underAFile("blocker")}`],
    [
      "run",
      () => ["run", config, "--output-dir", "blocker/out"],
      // The output folder as the experiment resolved it.
      () =>
        `${join(dir, "blocker", "out", "discussions")}: cannot write to the output folder ${underAFile(join(dir, "blocker"))}`,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const result = await runCli(args(), { cwd: dir });
      expect(result.stderr).toContain(`error: ${message()}`);
      expect(result.code).toBe(2);
      // Never an internal temporary file's name, a repeated code or a stack trace.
      expect(result.stderr).not.toMatch(/\.tmp|ENOTDIR: ENOTDIR|SYNDISCO_DEBUG|\n\s+at /);
    });
  }

  it("export refuses to replace a file, naming its flag", async () => {
    const out = join(dir, "taken.csv");
    writeFileSync(out, "precious");
    const result = await runCli(["export", run, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${out}: the file already exists and SynDisco never overwrites output. Choose another --out, or delete the file`,
    );
  });
});
