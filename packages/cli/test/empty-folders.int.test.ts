import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** A run's output folder whose discussions/ and annotations/ exist but hold nothing, as a crashed first run leaves. */
function emptyRun(): string {
  const dir = tempDir();
  const run = join(dir, "out");
  mkdirSync(join(run, "discussions", ".syndisco"), { recursive: true });
  mkdirSync(join(run, "annotations"), { recursive: true });
  return dir;
}

/** What a user of the command is told: the folder, the command that fills it, and no class of the library. */
function expectCliWords(result: { code: number | null; stderr: string }, folder: RegExp, command: string): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(folder);
  expect(result.stderr).toContain(command);
  expect(result.stderr).not.toMatch(/DiscussionExperiment|AnnotationExperiment/);
}

describe("commands given an empty folder", () => {
  it("export, stats and report name the folder and the command that fills it", async () => {
    const dir = emptyRun();
    const discussions = /out[\\/]discussions: the folder holds no discussion files/;
    const annotations = /out[\\/]annotations: the folder holds no annotation files/;
    expectCliWords(await runCli(["export", "out", "--out", "rows.csv"], { cwd: dir }), discussions, "syndisco run");
    expectCliWords(
      await runCli(["export", "out", "--annotations", "--out", "rows.csv"], { cwd: dir }),
      annotations,
      "syndisco annotate",
    );
    expectCliWords(await runCli(["stats", "out"], { cwd: dir }), annotations, "syndisco annotate");
    expectCliWords(await runCli(["report", "out", "--out", "report.html"], { cwd: dir }), discussions, "syndisco run");
  });

  it("annotate names the empty discussions folder and `syndisco run`", async () => {
    const dir = emptyRun();
    const exampleDir = join(REPO_ROOT, "examples", "custom-backend");
    const config = readFileSync(join(exampleDir, "syndisco.yaml"), "utf8")
      .replace("./index.mjs", join(exampleDir, "index.mjs"))
      .replace("output: ./syndisco-output", "output: ./out");
    writeFileSync(join(dir, "syndisco.yaml"), config);
    expectCliWords(
      await runCli(["annotate", "syndisco.yaml"], { cwd: dir }),
      /syndisco\.yaml: output: there are no discussions to annotate in .*out[\\/]discussions/,
      "syndisco run",
    );
  });
});
