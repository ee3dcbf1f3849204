import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  Actor,
  ActorType,
  Discussion,
  PARTICIPANT_STOP_STRINGS,
  Persona,
  parseDiscussionFile,
  RoundRobin,
} from "@syndisco/core";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryFolder } from "../test/model-folders.js";
import { TransformersModel } from "./transformers-model.js";

const CONTEXT = "You are taking part in an online conversation";
const INSTRUCTIONS = "Act like a human would";

function discussionOf(model: TransformersModel, names: readonly string[]) {
  const actor = (username: string, instructions: string) =>
    new Actor({
      model,
      persona: new Persona({ username, age: 30, sex: "female", personality_characteristics: ["kind", "curious"] }),
      context: CONTEXT,
      instructions,
      actorType: ActorType.USER,
    });
  return new Discussion({
    nextTurnManager: new RoundRobin(),
    users: names.map((name) => actor(name, INSTRUCTIONS)),
    moderator: actor(`${names[0]}Moderator`, "Keep the discussion civil"),
    convLen: 4,
    historyContextLen: 3,
    seedOpinion: "Once upon a time there was a park where every child loved to play.",
    seedOpinionUsername: names[0],
  });
}

describe.skipIf(!haveTestModels())("a Discussion on stories260K-onnx", () => {
  let model: TransformersModel;
  const folder = temporaryFolder("discussion");

  beforeAll(async () => {
    model = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "stories260K",
      maxOutTokens: 40,
      chatTemplate: "plain",
    });
  });
  afterAll(async () => {
    await model.dispose();
    folder.remove();
  });

  it("runs to the end and writes a SynDisco discussion file", async () => {
    const discussion = discussionOf(model, ["Emma35", "Giannis"]);
    await discussion.begin({ verbose: false });
    const file = join(folder.path, "discussion.json");
    await discussion.toJsonFile(file);

    const written = parseDiscussionFile(JSON.parse(await readFile(file, "utf8")), file);
    expect(written.users).toEqual(["Emma35", "Giannis"]);
    expect(written.moderator).toBe("Emma35Moderator");
    expect(written.logs[0]).toMatchObject({ name: "Emma35", model: "hardcoded" });
    const generated = written.logs.slice(1);
    expect(generated.length).toBeGreaterThan(0);
    for (const entry of generated) {
      expect(entry.model).toBe("stories260K");
      expect(entry.text.trim()).toBe(entry.text);
      expect(entry.text.length).toBeGreaterThan(0);
      for (const stop of PARTICIPANT_STOP_STRINGS) expect(entry.text).not.toContain(stop);
    }
  });

  it("gives the same discussions when several run at once and share batches", async () => {
    const casts = [
      ["Emma35", "Giannis"],
      ["Maria", "Nikos"],
      ["Ada", "Alan"],
    ];
    const oneByOne = [];
    for (const cast of casts) {
      const discussion = discussionOf(model, cast);
      await discussion.begin({ verbose: false });
      oneByOne.push(discussion.logs);
    }

    const before = model.batchStats;
    const together = casts.map((cast) => discussionOf(model, cast));
    await Promise.all(together.map((discussion) => discussion.begin({ verbose: false })));
    const after = model.batchStats;

    // Latency differs between the runs; who said what, with which model, must not.
    const comments = (logs: readonly { name: string; text: string; model: string }[]) =>
      logs.map(({ name, text, model }) => ({ name, text, model }));
    expect(together.map((discussion) => comments(discussion.logs))).toEqual(oneByOne.map(comments));
    // Three discussions prompting at once were generated in shared batches.
    expect(after.prompts - before.prompts).toBeGreaterThan(after.batches - before.batches);
  });
});
