import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** A valid study; each case below breaks one thing in it. No model is ever loaded: model.gguf is empty. */
const VALID = `models:
  small: { backend: llamacpp, options: { modelPath: ./model.gguf, name: s, maxOutTokens: 24 } }
  large: { backend: llamacpp, options: { modelPath: ./model.gguf, name: l, maxOutTokens: 24 } }
personas: ./personas.json
instructions:
  - { file: ./prompts/user.txt, weight: 0.7 }
  - { text: Provoke everyone., weight: 0.3 }
discussions:
  turns: 3
  moderator: { persona: { username: Mod }, instructions: Keep it civil. }
  seedThreads: { csv: ./threads.csv, threadColumn: thread, authorColumn: author, textColumn: text }
study:
  factors:
    model:
      small: { model: small }
      large: { model: large }
    moderation:
      none: { moderator: none }
      strict: { moderator: { instructions: { file: ./prompts/strict.txt } } }
  sets:
    main: { replicates: 2 }
    extra: { cross: [model], vary: { moderation: [strict] }, replicates: 1 }
output: ./out
`;

const FILES: Record<string, string> = {
  "model.gguf": "",
  "personas.json": JSON.stringify([{ username: "Emma35" }, { username: "Giannis" }, { username: "Lena" }]),
  "prompts/user.txt": "Say what you think.",
  "prompts/strict.txt": "Remove every insult.",
  "threads.csv": "thread,author,text\ncars,cyclist,Ban cars.\ncars,nurse,I work nights.\n",
};

const CASES: { name: string; config: string; files?: Record<string, string | null>; message: RegExp }[] = [
  {
    name: "a level that names an unknown model",
    config: VALID.replace("large: { model: large }", "large: { model: huge }"),
    message: /config\.yaml: study\.factors\.model\.large\.model: "huge" is not one of the models \(small, large\)/,
  },
  {
    name: "a set that names a factor that does not exist",
    config: VALID.replace("vary: { moderation: [strict] }", "vary: { tone: [strict] }"),
    message:
      /config\.yaml: study\.sets\.extra\.vary\.tone: the set "extra" names the factor "tone", which does not exist/,
  },
  {
    name: "a set that names a level that does not exist",
    config: VALID.replace("vary: { moderation: [strict] }", "vary: { moderation: [harsh] }"),
    message: /config\.yaml: study\.sets\.extra\.vary\.moderation: the factor "moderation" has no level "harsh"/,
  },
  {
    name: "a level's instruction file that is missing",
    config: VALID,
    files: { "prompts/strict.txt": null },
    message:
      /config\.yaml: study\.factors\.moderation\.strict\.moderator\.instructions\.file: cannot read prompts\/strict\.txt \(no such file\)/,
  },
  {
    name: "a weight that is not positive",
    config: VALID.replace("weight: 0.3", "weight: 0"),
    message: /config\.yaml: instructions\[1\]\.weight: a weight must be a number above 0/,
  },
  {
    name: "a level's weight that is not positive",
    config: VALID.replace(
      "none: { moderator: none }",
      "none: { moderator: none, instructions: [{ text: Hi, weight: -2 }] }",
    ),
    message:
      /config\.yaml: study\.factors\.moderation\.none\.instructions\[0\]\.weight: a weight must be a number above 0/,
  },
  {
    name: "a level's persona file that is missing",
    config: VALID.replace("none: { moderator: none }", "none: { moderator: none, personas: ./nobody.json }"),
    message: /config\.yaml: study\.factors\.moderation\.none\.personas: the persona file nobody\.json does not exist/,
  },
  {
    name: "a seed thread CSV that is missing",
    config: VALID,
    files: { "threads.csv": null },
    message:
      /config\.yaml: discussions\.seedThreads\.csv: cannot read threads\.csv \(no such file\)\. Check the path; it is read from the config file's folder/,
  },
  {
    name: "a seed thread CSV without the named column",
    config: VALID.replace("authorColumn: author", "authorColumn: writer"),
    message:
      /config\.yaml: discussions\.seedThreads\.authorColumn: threads\.csv has no column "writer" \(its columns: thread, author, text\)\. Name one of its columns, or add the column to the file/,
  },
  {
    name: "a level's seed thread CSV without the named column",
    config: VALID.replace(
      "strict: { moderator: { instructions: { file: ./prompts/strict.txt } } }",
      "strict: { moderator: { instructions: { file: ./prompts/strict.txt } }, seedThreads: { csv: ./threads.csv, threadColumn: topic, textColumn: text } }",
    ),
    message:
      /config\.yaml: study\.factors\.moderation\.strict\.seedThreads\.threadColumn: threads\.csv has no column "topic"/,
  },
  {
    name: "a seed thread CSV with no threads",
    config: VALID,
    files: { "threads.csv": "thread,author,text\n" },
    message: /config\.yaml: discussions\.seedThreads\.csv: threads\.csv has no threads \(no rows below its header\)/,
  },
  {
    name: "a seed thread CSV with a comment without text",
    config: VALID,
    files: { "threads.csv": "thread,author,text\ncars,cyclist,Ban cars.\ncars,nurse,\n" },
    message:
      /config\.yaml: discussions\.seedThreads\.textColumn: line 3 of threads\.csv \(thread "cars"\) has no text\. Write the comment, or remove the row/,
  },
];

describe("bad study input exits with code 2, names the file, factor and level, and writes nothing", () => {
  for (const { name, config, files = {}, message } of CASES) {
    it(name, async () => {
      const dir = tempDir();
      mkdirSync(join(dir, "prompts"));
      writeFileSync(join(dir, "config.yaml"), config);
      for (const [file, text] of Object.entries({ ...FILES, ...files })) {
        if (text !== null) writeFileSync(join(dir, file), text);
      }
      const result = await runCli(["run", "config.yaml"], { cwd: dir });
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, "out"))).toBe(false);
    });
  }

  it("--cells that names a level the study does not have", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "prompts"));
    writeFileSync(join(dir, "config.yaml"), VALID);
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
    const result = await runCli(["run", "config.yaml", "--cells", "model=tiny"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--cells: the factor "model" has no level "tiny"\. Use one of its levels: small, large/,
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("the valid study plans 4 cells: extra adds none that main does not have", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "prompts"));
    writeFileSync(join(dir, "config.yaml"), VALID);
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
    // Dry runs check that a model file is GGUF: the valid plan names a real one (the cases above need none).
    const result = await runCli(
      ["run", "config.yaml", "--dry-run", "--json", "--model-path", modelPath("stories260K.gguf")],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as {
      cells: { id: string; discussions: number }[];
      totalDiscussions: number;
    };
    expect(plan.cells.map((cell) => [cell.id, cell.discussions])).toEqual([
      ["model=small,moderation=none", 2],
      ["model=small,moderation=strict", 2],
      ["model=large,moderation=none", 2],
      ["model=large,moderation=strict", 2],
    ]);
    expect(plan.totalDiscussions).toBe(8);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
