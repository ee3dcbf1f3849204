import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, runCli } from "./helpers/cli-process.js";
import { ANNOTATION_KEYS, DISCUSSION_KEYS, readJsonFiles } from "./helpers/experiment-files.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
/** The example config names a hub model; a dry run checks that it can be fetched, so offline tests use a file. */
const STORIES = modelPath("stories260K.gguf");

describe("syndisco --help and --version", () => {
  it("lists the commands and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["init", "run", "annotate", "export", "view", "backends", "serve"]) {
      expect(result.stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
    }
  });

  it("prints the version of the package.json beside the build, read when it runs", async () => {
    const packageDir = dirname(dirname(BIN));
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);

    // The same build beside a package.json of another version prints that version: none is built in.
    const copy = tempDir();
    cpSync(join(packageDir, "dist"), join(copy, "dist"), { recursive: true });
    symlinkSync(join(packageDir, "node_modules"), join(copy, "node_modules"), "dir");
    writeFileSync(join(copy, "package.json"), JSON.stringify({ ...manifest, version: "9.8.7" }));
    const copied = spawnSync(process.execPath, [join(copy, "dist", "bin.js"), "--version"], { encoding: "utf8" });
    expect(copied.stderr).toBe("");
    expect(copied.stdout.trim()).toBe("9.8.7");
  });
});

describe.skipIf(!haveTestModels())("syndisco init", () => {
  it("writes a config and personas that a dry run accepts, and refuses to overwrite them", async () => {
    const dir = tempDir();
    const init = await runCli(["init", "experiment"], { cwd: dir });
    expect(init.code).toBe(0);
    const config = readFileSync(join(dir, "experiment", "syndisco.yaml"), "utf8");
    expect(config).toMatch(/^models:/m);
    expect(config).toMatch(/# the longest reply, in tokens/);
    const personas = JSON.parse(readFileSync(join(dir, "experiment", "personas.json"), "utf8"));
    expect(personas.map((persona: { username: string }) => persona.username)).toContain("Emma35");

    const dryRun = await runCli(["run", "experiment/syndisco.yaml", "--dry-run", "--model-path", STORIES], {
      cwd: dir,
    });
    // The file given replaces the config's hub model, so its name replaces the config's in the output.
    expect(dryRun.stderr).toBe(
      `note: model main now runs ${STORIES}; recorded as "stories260K", not "llama-3.2-1b-instruct"\n`,
    );
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(/dry run: no model is loaded, nothing is written/);
    expect(dryRun.stdout).toMatch(/4 discussions of 6 turns, 2 active users, round_robin turns, moderator Moderator/);
    expect(existsSync(join(dir, "experiment", "syndisco-output"))).toBe(false);

    const again = await runCli(["init", "experiment"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/syndisco\.yaml: already exists; nothing was written\. .*--force/);
  });
});

describe.skipIf(!haveTestModels())("syndisco run --dry-run --json", () => {
  it("prints a plan that is the same for the same seed and changes with --seed", async () => {
    const dir = tempDir();
    await runCli(["init", "."], { cwd: dir });
    const plan = async (...flags: string[]) => {
      const result = await runCli(["run", "syndisco.yaml", "--dry-run", "--json", "--model-path", STORIES, ...flags], {
        cwd: dir,
      });
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as { discussions: { units: { id: string; participants: string[] }[] } };
    };
    const first = await plan();
    const second = await plan();
    expect(first.discussions.units).toHaveLength(4);
    expect(second).toEqual(first);
    for (const unit of first.discussions.units) expect(unit.participants).toHaveLength(2);
    const reseeded = await plan("--seed", "7");
    expect(reseeded.discussions.units.map((unit) => unit.participants)).not.toEqual(
      first.discussions.units.map((unit) => unit.participants),
    );
  });
});

describe("syndisco backends", () => {
  it("lists the three backends with their install state", async () => {
    const result = await runCli(["backends"]);
    expect(result.code).toBe(0);
    for (const id of ["llamacpp", "transformers", "openai"]) {
      expect(result.stdout).toMatch(new RegExp(`^${id}\\s+installed \\(@syndisco/model-${id}`, "m"));
    }
  });
});

describe("a user's own backend plugin (examples/custom-backend)", () => {
  it("runs the example config by path, then exports, views and resumes it", async () => {
    const out = join(tempDir(), "echo-run");
    const config = join(REPO_ROOT, "examples", "custom-backend", "syndisco.yaml");
    const run = await runCli(["run", config, "--output-dir", out]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Discussions: 3\/3 done, 0 failed/);
    expect(run.stdout).toMatch(/Annotations: 3\/3 done, 0 failed/);

    const discussions = [...readJsonFiles(join(out, "discussions")).values()];
    expect(discussions).toHaveLength(3);
    for (const discussion of discussions) {
      for (const key of DISCUSSION_KEYS) expect(discussion).toHaveProperty(key);
      expect(discussion.moderator).toBe("Moderator");
      const logs = discussion.logs as { name: string; text: string; model: string }[];
      // The seed opinion opens; then 4 turns, each followed by the moderator: 8 replies of the echo model.
      expect(logs[0]?.model).toBe("hardcoded");
      const replies = logs.slice(1);
      expect(replies).toHaveLength(8);
      // The echo model answers with the comment before, backwards: the plugin really produced these replies.
      replies.forEach((entry, index) => {
        expect(entry.model).toBe("echo");
        expect(entry.text).toBe(logs[index]?.text.split(/\s+/).reverse().join(" "));
      });
    }
    const annotations = [...readJsonFiles(join(out, "annotations")).values()];
    expect(annotations).toHaveLength(3);
    for (const annotation of annotations) {
      for (const key of ANNOTATION_KEYS) expect(annotation).toHaveProperty(key);
      for (const [comment, label] of annotation.logs as [string, string][]) {
        expect(Number(label)).toBe(comment.split(/\s+/).filter(Boolean).length);
      }
    }

    const csv = join(out, "comments.csv");
    const exported = await runCli(["export", out, "--format", "csv", "--out", csv]);
    expect(exported.code).toBe(0);
    const header = readFileSync(csv, "utf8").split(/\r?\n/)[0] ?? "";
    expect(header.split(",")).toEqual(expect.arrayContaining(["conv_id", "user", "message", "model", "is_moderator"]));

    const firstFile = join(out, "discussions", [...readJsonFiles(join(out, "discussions")).keys()][0] ?? "");
    const view = await runCli(["view", firstFile]);
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/User Moderator posted:/);

    const resumed = await runCli(["run", config, "--output-dir", out]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/Discussions: 3\/3 done \(3 from an earlier run\)/);
    expect(readJsonFiles(join(out, "discussions")).size).toBe(3);
  });

  it("stops with code 2 on an option the plugin does not know", async () => {
    const dir = tempDir();
    const exampleDir = join(REPO_ROOT, "examples", "custom-backend");
    const source = readFileSync(join(exampleDir, "syndisco.yaml"), "utf8");
    writeFileSync(
      join(dir, "bad.yaml"),
      source.replace("./index.mjs", join(exampleDir, "index.mjs")).replace("mode: reverse", "mode: sideways"),
    );
    const result = await runCli(["run", "bad.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml: models\.echo\.options: invalid options for the "echo" model: mode:/);
    expect(existsSync(join(dir, "syndisco-output"))).toBe(false);
  });
});

describe("syndisco annotate", () => {
  const exampleDir = join(REPO_ROOT, "examples", "custom-backend");
  const example = readFileSync(join(exampleDir, "syndisco.yaml"), "utf8")
    .replace("./index.mjs", join(exampleDir, "index.mjs"))
    .replace("output: ./syndisco-output", "output: ./out");
  const [beforeAnnotation = "", annotationAndAfter = ""] = example.split(/^annotation:/m);
  /** The echo example without its annotation section: `run` makes only the discussions. */
  const discussionsOnly = `${beforeAnnotation}${annotationAndAfter.slice(annotationAndAfter.indexOf("output:"))}`;
  /** The echo example with a second annotator. */
  const twoAnnotators = example.replace(
    "      instructions: Count the words of the last comment. Reply only with the number.\n",
    "      instructions: Count the words of the last comment. Reply only with the number.\n" +
      "    - persona: { username: SecondCounter }\n      instructions: Count again.\n",
  );

  it("annotates the discussions of an earlier run, and refuses to mix experiments in one folder", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "discussions.yaml"), discussionsOnly);
    writeFileSync(join(dir, "annotated.yaml"), twoAnnotators);
    writeFileSync(join(dir, "changed.yaml"), example);

    const early = await runCli(["annotate", "annotated.yaml"], { cwd: dir });
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(
      /annotated\.yaml: output: there are no discussions to annotate in .*out[\\/]discussions/,
    );

    const run = await runCli(["run", "discussions.yaml"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/Annotations:/);

    const plan = await runCli(["annotate", "annotated.yaml", "--dry-run"], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout.match(/annotation-SecondCounter-/g)).toHaveLength(3);
    expect(plan.stdout.match(/annotation-WordCounter-/g)).toHaveLength(3);
    expect(existsSync(join(dir, "out", "annotations"))).toBe(false);

    const annotate = await runCli(["annotate", "annotated.yaml"], { cwd: dir });
    expect(annotate.code).toBe(0);
    expect(annotate.stdout).toMatch(/Annotations: 6\/6 done, 0 failed/);
    expect(annotate.stdout).not.toMatch(/Discussions:/);
    const annotators = [...readJsonFiles(join(dir, "out", "annotations")).values()].map((file) => file.annotator);
    expect(annotators.sort()).toEqual([
      "SecondCounter",
      "SecondCounter",
      "SecondCounter",
      "WordCounter",
      "WordCounter",
      "WordCounter",
    ]);

    const mixed = await runCli(["annotate", "changed.yaml"], { cwd: dir });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/holds the output of a different experiment \(it differs in: annotators\)/);

    // Other annotators on the same discussions go to another output folder.
    const elsewhere = await runCli(
      ["annotate", "changed.yaml", "--discussions-dir", "out/discussions", "--output-dir", "judge2"],
      { cwd: dir },
    );
    expect(elsewhere.code).toBe(0);
    expect(readJsonFiles(join(dir, "judge2", "annotations")).size).toBe(3);
  });
});
