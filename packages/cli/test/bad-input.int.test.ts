import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** A valid experiment; each case below breaks one thing in it. */
const VALID = `models:
  main:
    backend: llamacpp
    options: { modelPath: ./model.gguf, name: m, maxOutTokens: 24, contextSize: 1024 }
personas: ./personas.json
discussions:
  model: main
  count: 2
  turns: 3
output: ./out
`;

const PERSONAS = JSON.stringify([{ username: "Emma35" }, { username: "Giannis" }]);

interface Case {
  name: string;
  config: string;
  /** Files besides the config; model.gguf and personas.json exist unless a case says otherwise. */
  files?: Record<string, string>;
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: "a config that is not YAML",
    config: "models:\n  main: [unclosed\n  other: 1\n",
    message: /config\.yaml: not valid YAML: .* at line \d+, column \d+/,
  },
  {
    name: "an unknown key",
    config: VALID.replace("  turns: 3", "  turns: 3\n  rounds: 4"),
    message:
      /config\.yaml: discussions\.rounds: unknown key\. Remove it or fix its spelling; the keys allowed here are: model, count, turns/,
  },
  {
    name: "a wrong type",
    config: VALID.replace("turns: 3", "turns: three"),
    message: /config\.yaml: discussions\.turns: expected a number, found "three"/,
  },
  {
    name: "a negative count",
    config: VALID.replace("count: 2", "count: -1"),
    message: /config\.yaml: discussions\.count: must be at least 1, found -1/,
  },
  {
    name: "a missing personas file",
    config: VALID.replace("./personas.json", "./people.json"),
    message: /config\.yaml: personas: the persona file .*people\.json does not exist/,
  },
  {
    name: "a malformed personas file",
    config: VALID,
    files: { "personas.json": '[{"username": "Emma35"}, {"username": "Giannis", "age": "old"}]' },
    message: /personas\.json: \[1\]\.age: age must be a non-negative number/,
  },
  {
    name: "an uninstalled backend",
    config: VALID.replace("backend: llamacpp", "backend: '@acme/syndisco-vllm'"),
    message:
      /config\.yaml: models\.main\.backend: the plugin package @acme\/syndisco-vllm is not installed\. Install it: npm install @acme\/syndisco-vllm/,
  },
  {
    name: "an unknown backend",
    config: VALID.replace("backend: llamacpp", "backend: llama-cpp"),
    message:
      /config\.yaml: models\.main\.backend: unknown backend "llama-cpp": it is not llamacpp, transformers or openai/,
  },
  {
    name: "a missing model file",
    config: VALID.replace("./model.gguf", "./missing.gguf"),
    message: /config\.yaml: models\.main\.options\.modelPath: the model file \.\/missing\.gguf does not exist/,
  },
  {
    name: "invalid backend options",
    config: VALID.replace("maxOutTokens: 24", "maxOutTokens: 24, threadz: 1"),
    message: /config\.yaml: models\.main\.options: invalid options for the "llamacpp" model: .*threadz/,
  },
  {
    name: "a model name that no model has",
    config: VALID.replace("  model: main", "  model: large"),
    message: /config\.yaml: discussions\.model: "large" is not one of the models \(main\)/,
  },
];

describe("bad input exits with code 2, names the problem and writes nothing", () => {
  for (const { name, config, files = {}, message } of CASES) {
    it(name, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, "config.yaml"), config);
      // A stand-in file: these runs stop before any model is loaded.
      const inputs = { "model.gguf": "not a real model", "personas.json": PERSONAS, ...files };
      for (const [file, text] of Object.entries(inputs)) writeFileSync(join(dir, file), text);
      const result = await runCli(["run", "config.yaml"], { cwd: dir });
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, "out"))).toBe(false);
    });
  }

  it("a missing --model-path file names the flag", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "config.yaml"), VALID);
    writeFileSync(join(dir, "personas.json"), PERSONAS);
    const result = await runCli(["run", "config.yaml", "--model-path", "nowhere/model.gguf"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.yaml: --model-path: the model file nowhere\/model\.gguf does not exist/);
  });

  describe("a dry run rejects what the run would", () => {
    /** A dry run in a folder with the valid config and personas, plus these files; its result. */
    async function dryRun(files: Record<string, string | Buffer>, ...flags: string[]) {
      const dir = tempDir();
      writeFileSync(join(dir, "config.yaml"), VALID);
      writeFileSync(join(dir, "personas.json"), PERSONAS);
      for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
      return runCli(["run", "config.yaml", "--dry-run", ...flags], { cwd: dir });
    }

    it("a model file that is not GGUF, blamed on the config", async () => {
      const result = await dryRun({ "model.gguf": "not a real model" });
      expect(result.stderr).toMatch(
        /^error: config\.yaml: models\.main\.options\.modelPath: .*model\.gguf is not a GGUF file \(it starts with "not ", not "GGUF"\)\. Give a \.gguf model/,
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
    });

    it("a --model-path file that is not GGUF, blamed on the flag as typed, its binary start in hex", async () => {
      const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x1b, 0x5b, 0x32, 0x4a]);
      const result = await dryRun(
        { "model.gguf": "not a real model", "program.bin": binary },
        "--model-path",
        "./program.bin",
      );
      expect(result.stderr).toMatch(
        /^error: config\.yaml: --model-path: \.\/program\.bin is not a GGUF file \(it starts with the bytes 7f 45 4c 46, not "GGUF"\)/,
      );
      expect(result.stderr).not.toMatch(/modelPath:/);
      // Nothing but printable text and line ends: a binary file's bytes never reach the terminal.
      expect(result.stderr).toMatch(/^[\x20-\x7e\n]*$/);
      expect(result.code).toBe(2);
    });

    it("a malformed hub model id", async () => {
      // A hub that does not answer only leaves a model unchecked, and one that answers "not there" fails: both
      // are tested against local endpoints in dry-run-hub.int.test.ts. A malformed id fails with no network.
      const result = await dryRun({}, "--model-path", "hf:syndisco-tests");
      expect(result.stderr).toMatch(
        /^error: config\.yaml: --model-path: the Hugging Face model id hf:syndisco-tests is malformed\. Write it as hf:owner\/repo:Q4_K_M/,
      );
      expect(result.code).toBe(2);
    });
  });

  it("a config file that does not exist", async () => {
    const dir = tempDir();
    const result = await runCli(["run", "nope.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /nope\.yaml: cannot read the config file \(no such file\)\. Check the path, or write an example config with `syndisco init`/,
    );
  });

  it("a flag with a bad value", async () => {
    const result = await runCli(["run", "config.yaml", "--concurrency", "0"], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--concurrency.*expected a whole number of at least 1/);
  });

  it("an unknown command", async () => {
    const result = await runCli(["runn", "config.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'runn'/);
  });
});
