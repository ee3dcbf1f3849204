import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { ScriptedModel } from "@syndisco/core/testing";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../test/helpers/temp-dir.js";
import { buildAnnotationExperiment } from "./build-experiments.js";
import { ConfigError } from "./config-error.js";
import { EXAMPLE_CONFIG } from "./example-config.js";
import { loadConfig } from "./load-config.js";

const tempDir = useTempDirs();

const MINIMAL = `
models:
  main: { backend: llamacpp, options: { modelPath: ./model.gguf, maxOutTokens: 24 } }
personas: ./personas.json
discussions: { model: main }
`;

function writeConfig(text: string, name = "config.yaml"): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

async function problemOf(text: string, name?: string): Promise<InputError> {
  const { file } = writeConfig(text, name);
  const error = await loadConfig(file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("loadConfig", () => {
  it("never shows the credentials of a URL in a problem, even where the value is shortened", async () => {
    // The value is shortened to 40 characters: a long password would be cut before its "@".
    const url = "https://researcher:S3cretS3cretS3cretS3cretS3cret@models.example/m.gguf";
    const error = await problemOf(
      MINIMAL.replace("discussions: { model: main }", `discussions: { model: main, count: "${url}" }`),
    );
    expect(error.message).toContain('discussions.count: expected a number, found "https://***@models.example/m.gguf"');
    expect(error.message).not.toMatch(/researcher|S3cr/);
  });

  it("reads the moderator's policy and the silence ending, and names a bad policy", async () => {
    const moderated = MINIMAL.replace(
      "discussions: { model: main }",
      `discussions:
  model: main
  endAfterSilentTurns: 3
  moderator: { persona: { username: Mod }, instructions: Moderate, policy: { every: 2 } }`,
    );
    const config = await loadConfig(writeConfig(moderated).file);
    expect(config.data.discussions?.moderator?.policy).toEqual({ every: 2 });
    expect(config.data.discussions?.endAfterSilentTurns).toBe(3);
    const unset = await loadConfig(writeConfig(moderated.replace(", policy: { every: 2 }", "")).file);
    expect(unset.data.discussions?.moderator?.policy).toBe("always");
    const error = await problemOf(moderated.replace("{ every: 2 }", "{ every: 0 }"));
    expect(error.message).toContain("discussions.moderator.policy");
  });

  it("fills in the documented defaults and resolves paths against the config's folder", async () => {
    const { dir, file } = writeConfig(MINIMAL);
    const config = await loadConfig(file);
    expect(config.baseDir).toBe(dir);
    expect(config.outputDir).toBe(join(dir, "syndisco-output"));
    expect(config.personasFile).toBe(join(dir, "personas.json"));
    expect(config.data.context).toBe("You are taking part in an online conversation");
    expect(config.data.instructions).toBe("Act like a human would");
    expect(config.data.concurrency).toBe(1);
    expect(config.data.discussions).toMatchObject({
      count: 5,
      turns: 10,
      activeUsers: 2,
      historyLength: 3,
      turnManager: { type: "round_robin" },
      seedOpinions: [],
    });
  });

  it("reads output as a folder, or as { dir, format }, and names a bad format", async () => {
    const { dir, file } = writeConfig(`${MINIMAL}output: runs/a\n`);
    const plain = await loadConfig(file);
    expect(plain.outputDir).toBe(join(dir, "runs", "a"));
    expect(plain.data.output).toEqual({ dir: "runs/a", format: "syndisco-2.0" });
    const asObject = writeConfig(`${MINIMAL}output: { dir: runs/b, format: syndisco-2.2 }\n`);
    const config = await loadConfig(asObject.file);
    expect(config.outputDir).toBe(join(asObject.dir, "runs", "b"));
    expect(config.data.output.format).toBe("syndisco-2.2");
    expect((await loadConfig(writeConfig(`${MINIMAL}output: { format: syndisco-2.2 }\n`).file)).data.output).toEqual({
      dir: "./syndisco-output",
      format: "syndisco-2.2",
    });
    const error = await problemOf(`${MINIMAL}output: { dir: runs, format: syndisco-2.1 }\n`);
    expect(error.message).toContain("output");
    expect(error.message).toContain("syndisco-2.2");
  });

  it("reads JSON configs too", async () => {
    const { file } = writeConfig(
      JSON.stringify({ models: { m: { backend: "openai", options: { modelName: "x", maxOutTokens: 5 } } } }),
      "config.json",
    );
    const config = await loadConfig(file);
    expect(config.data.models.m?.backend).toBe("openai");
  });

  it("applies command-line overrides, resolving their paths against the current folder", async () => {
    const { file } = writeConfig(MINIMAL);
    const cwd = tempDir();
    const config = await loadConfig(file, { cwd, outputDir: "out", concurrency: 3, seed: 9, modelPath: "m.gguf" });
    expect(config.outputDir).toBe(join(cwd, "out"));
    expect(config.data.concurrency).toBe(3);
    expect(config.data.seed).toBe(9);
    expect(config.data.models.main?.options.modelPath).toBe(join(cwd, "m.gguf"));
    expect(config.modelPathOverride).toBe("m.gguf");
  });

  it("keeps a hub id given to --model-path as it is, and refuses it when no model takes a file", async () => {
    const { file } = writeConfig(MINIMAL);
    const config = await loadConfig(file, { modelPath: "hf:user/repo:Q4_K_M" });
    expect(config.data.models.main?.options.modelPath).toBe("hf:user/repo:Q4_K_M");
    const openai = writeConfig("models:\n  m: { backend: openai, options: { modelName: x, maxOutTokens: 5 } }\n");
    await expect(loadConfig(openai.file, { modelPath: "x.gguf" })).rejects.toThrow(/--model-path.*no model/);
  });

  it("says which line is wrong in a file that is not YAML", async () => {
    const error = await problemOf("models: [unclosed\npersonas: x\n");
    expect(error.message).toMatch(/config\.yaml: not valid YAML: .* at line \d+, column \d+/);
  });

  it("names a config that is not a mapping", async () => {
    const error = await problemOf("just a sentence\n");
    expect(error.message).toMatch(/config\.yaml: a config file must be a mapping/);
  });

  it("names an unknown key and lists the allowed ones", async () => {
    const error = await problemOf(`${MINIMAL}discusions: {}\n`);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/config\.yaml: discusions: unknown key\. .*allowed here are: models, personas/);
  });

  it("names an unknown key inside a section", async () => {
    const error = await problemOf(MINIMAL.replace("{ model: main }", "{ model: main, turn: 3 }"));
    expect(error.message).toMatch(/discussions\.turn: unknown key\. .*count, turns, activeUsers/);
  });

  it("names a value of the wrong type", async () => {
    const error = await problemOf(MINIMAL.replace("{ model: main }", "{ model: main, turns: many }"));
    expect(error.message).toMatch(/config\.yaml: discussions\.turns: expected a number, found "many"/);
  });

  it("refuses a negative count", async () => {
    const error = await problemOf(MINIMAL.replace("{ model: main }", "{ model: main, count: -2 }"));
    expect(error.message).toMatch(/discussions\.count: must be at least 1, found -2\. Use a number of at least 1/);
  });

  it("lists every problem at once, one per line", async () => {
    const error = (await problemOf(
      MINIMAL.replace("{ model: main }", "{ model: main, count: 0, turns: 1.5 }"),
    )) as ConfigError;
    expect(error.problems.map((problem) => problem.field)).toEqual(["discussions.count", "discussions.turns"]);
    expect(error.message.split("\n")).toHaveLength(2);
  });

  it("names a missing required key", async () => {
    const error = await problemOf("personas: ./p.json\n");
    expect(error.message).toMatch(/config\.yaml: models: missing/);
  });

  it("takes seed items that are a comment or a thread of comments", async () => {
    const { file } = writeConfig(
      MINIMAL.replace(
        "{ model: main }",
        '{ model: main, seedOpinions: ["Ban cars.", ["Ban cars.", "Only downtown."]] }',
      ),
    );
    const config = await loadConfig(file);
    expect(config.data.discussions?.seedOpinions).toEqual(["Ban cars.", ["Ban cars.", "Only downtown."]]);
    const empty = await problemOf(MINIMAL.replace("{ model: main }", "{ model: main, seedOpinions: [[]] }"));
    expect(empty.message).toMatch(/discussions\.seedOpinions\[0\]: needs at least 1 entry/);
  });

  it("checks the turn manager's type and settings", async () => {
    const unknownType = await problemOf(
      MINIMAL.replace("{ model: main }", "{ model: main, turnManager: { type: chaos } }"),
    );
    expect(unknownType.message).toContain(
      'config.yaml: discussions.turnManager.type: "chaos" is not one of the allowed values. ' +
        "Use one of: round_robin, random_weighted, random, queue, respond",
    );
    const badProbability = await problemOf(
      MINIMAL.replace("{ model: main }", "{ model: main, turnManager: { type: random_weighted, pRespond: 2 } }"),
    );
    expect(badProbability.message).toMatch(/discussions\.turnManager\.pRespond: must be at most 1/);
  });

  it("names the allowed values and the nearest one of a misspelt choice, never a misleading type", async () => {
    const message = async (setting: string) =>
      (await problemOf(MINIMAL.replace("{ model: main }", `{ model: main, ${setting} }`), "config.yaml")).message;
    const allowed = "round_robin, random_weighted, random, queue, respond";
    expect(await message("turnManager: { type: rondrobin }")).toContain(
      `config.yaml: discussions.turnManager.type: "rondrobin" is not one of the allowed values. Did you mean "round_robin"? Use one of: ${allowed}`,
    );
    expect(await message("turnManager: rondrobin")).toContain(
      'config.yaml: discussions.turnManager: expected a mapping such as { type: round_robin }, found "rondrobin". ' +
        `Write it as { type: round_robin }; the types allowed here are: ${allowed}`,
    );
    expect(await message("turnManager: {}")).toContain(
      `config.yaml: discussions.turnManager.type: missing. Add it: one of ${allowed}`,
    );
    expect(await message("usernames: randm")).toContain(
      'config.yaml: discussions.usernames: "randm" is not one of the allowed values. Did you mean "random"? Use one of: persona, random',
    );
    expect(await message("moderator: { persona: { username: M }, instructions: Moderate, policy: alwys }")).toMatch(
      /discussions\.moderator\.policy: expected always, decide, .*, found "alwys"\. Did you mean "always"\?$/,
    );
    expect(await message("turnz: 3")).toMatch(
      /discussions\.turnz: unknown key\. Did you mean "turns"\? Remove it or fix its spelling; the keys allowed here are: model, count, turns/,
    );
  });

  it("reads SynDisco 2.2's turn managers and the random manager's avoidLastSpeaker", async () => {
    const turnManagerOf = async (setting: string) => {
      const { file } = writeConfig(MINIMAL.replace("{ model: main }", `{ model: main, turnManager: ${setting} }`));
      return (await loadConfig(file)).data.discussions?.turnManager;
    };
    expect(await turnManagerOf("{ type: queue }")).toEqual({ type: "queue", randomizeFirstSpeaker: false });
    expect(await turnManagerOf("{ type: respond }")).toEqual({ type: "respond", pRespond: 0.5 });
    expect(await turnManagerOf("{ type: random, avoidLastSpeaker: true }")).toEqual({
      type: "random",
      avoidLastSpeaker: true,
    });
  });

  it("reads annotators' answer forms and checks them", async () => {
    const annotation = (form: string) =>
      `${MINIMAL}annotation:\n  model: main\n  annotators:\n    - persona: { username: Judge }\n      instructions: Rate it.\n      answerForm: ${form}\n`;
    const { file } = writeConfig(annotation("{ type: scale, min: 1, max: 5 }"));
    const config = await loadConfig(file);
    expect(config.data.annotation?.annotators[0]?.answerForm).toEqual({ type: "scale", min: 1, max: 5 });
    expect(config.data.annotation?.answerRetries).toBe(2);
    expect(config.data.annotation?.commentConcurrency).toBeUndefined();
    const backwards = await problemOf(annotation("{ type: scale, min: 5, max: 1 }"));
    expect(backwards.message).toMatch(/annotation\.annotators\[0\]\.answerForm\.max: min must be smaller than max$/);
    const unknown = await problemOf(annotation("{ type: stars }"));
    expect(unknown.message).toMatch(/annotation\.annotators\[0\]\.answerForm/);
  });

  it("passes annotation.commentConcurrency to the annotation experiment, and refuses 0", async () => {
    const annotation = (extra: string) =>
      `${MINIMAL}annotation:\n  model: main\n  annotators:\n    - persona: { username: Judge }\n      instructions: Rate it.\n${extra}`;
    const config = await loadConfig(writeConfig(annotation("  commentConcurrency: 2\n")).file);
    const model = new ScriptedModel({ replies: ["1"] });
    expect(buildAnnotationExperiment(config, () => model).commentConcurrency).toBe(2);
    const unset = await loadConfig(writeConfig(annotation("")).file);
    expect(buildAnnotationExperiment(unset, () => model).commentConcurrency).toBeUndefined();
    const zero = await problemOf(annotation("  commentConcurrency: 0\n"));
    expect(zero.message).toMatch(/annotation\.commentConcurrency: /);
  });

  it("refuses a section that names a model that is not defined", async () => {
    const error = await problemOf(MINIMAL.replace("{ model: main }", "{ model: big }"));
    expect(error.message).toMatch(/discussions\.model: "big" is not one of the models \(main\)/);
  });

  it("asks for personas when there are discussions", async () => {
    const error = await problemOf(MINIMAL.replace("personas: ./personas.json\n", ""));
    expect(error.message).toMatch(/config\.yaml: personas: missing/);
  });

  it("names a config file that does not exist", async () => {
    await expect(loadConfig(join(tempDir(), "nope.yaml"))).rejects.toThrow(
      /nope\.yaml: cannot read the config file \(no such file\)/,
    );
  });

  it("accepts the example that syndisco init writes", async () => {
    const { file } = writeConfig(EXAMPLE_CONFIG);
    const config = await loadConfig(file);
    expect(config.data.discussions?.moderator?.persona.username).toBe("Moderator");
    expect(config.data.annotation?.annotators).toHaveLength(1);
    expect(config.data.seed).toBe(42);
  });
});
