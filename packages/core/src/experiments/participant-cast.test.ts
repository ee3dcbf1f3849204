import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, jsonFiles, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import { InputError } from "../errors.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import { loggingSetup } from "../logging/logging-setup.js";
import { DiscussionExperiment, type DiscussionExperimentOptions } from "./discussion-experiment.js";

const MIX = [
  { instructions: "Be kind and stay on topic.", weight: 7, label: "normal" },
  { instructions: "Provoke the others.", weight: 3, label: "troll" },
];

function experiment(options: Partial<DiscussionExperimentOptions> = {}) {
  return new DiscussionExperiment({
    users: participantPool(promptEchoModel()),
    seedOpinions: ["Cities should ban cars."],
    numDiscussions: 40,
    numTurns: 2,
    numActiveUsers: 3,
    seed: 5,
    ...options,
  });
}

beforeAll(async () => {
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

describe("a DiscussionExperiment's cast", () => {
  it("gives each participant instructions drawn from the weighted mix, recorded in the file", async () => {
    const outputDir = await freshDir();
    const run = experiment({ instructionMix: MIX });
    await run.begin({ outputDir });
    const labels: string[] = [];
    for (const unit of run.plan()) {
      const file = await readJson<DiscussionFile>(join(outputDir, `${unit.id}.json`));
      const cast = (file.experiment as { cast: { persona: string; username: string; instructions: string }[] }).cast;
      expect(cast.map((entry) => entry.persona)).toEqual(unit.participants);
      cast.forEach((entry, index) => {
        const prompt = file.user_prompts[index] as { instructions: string };
        expect(prompt.instructions).toBe(MIX.find((choice) => choice.label === entry.instructions)?.instructions);
        labels.push(entry.instructions);
      });
    }
    // 120 draws at 30%: a share between 15% and 45% (the chance of falling outside is below one in a thousand).
    const trolls = labels.filter((label) => label === "troll").length / labels.length;
    expect(trolls).toBeGreaterThan(0.15);
    expect(trolls).toBeLessThan(0.45);
  });

  it("renames participants with unique adjective-noun usernames, the seed author too", async () => {
    const outputDir = await freshDir();
    const run = experiment({ usernames: "random", numDiscussions: 4 });
    await run.begin({ outputDir });
    const seen = new Set<string>();
    for (const name of await jsonFiles(outputDir)) {
      const file = await readJson<DiscussionFile>(join(outputDir, name));
      expect(new Set(file.users).size).toBe(3);
      for (const user of file.users) expect(user).toMatch(/^[A-Z][a-z]+[A-Z][a-z]+$/);
      expect(file.users).toContain(file.logs[0]?.name);
      for (const entry of file.logs) expect(file.users).toContain(entry.name);
      for (const user of file.users) seen.add(user);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it("leaves the participants, seed opinions and turn orders of the plan as they were without a cast", () => {
    const plain = experiment().plan();
    const cast = experiment({ usernames: "random", instructionMix: MIX }).plan();
    expect(cast.map(({ cast: _cast, id: _id, ...unit }) => unit)).toEqual(plain.map(({ id: _id, ...unit }) => unit));
  });

  it("refuses a weight that is not positive", () => {
    expect(() => experiment({ instructionMix: [{ instructions: "Hi", weight: 0 }] })).toThrow(InputError);
    expect(() => experiment({ instructionMix: [{ instructions: "Hi", weight: 0 }] })).toThrow(
      /instructionMix\[0\]\.weight: the weight must be a positive number/,
    );
  });
});

describe("DiscussionExperiment.begin with maxUnits", () => {
  it("runs the first units of the whole plan, and a later run finishes the rest", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 5 });
    const trial = await run.begin({ outputDir, maxUnits: 2 });
    expect(trial).toMatchObject({ total: 2, finished: 2 });
    const plan = run.plan();
    expect(await jsonFiles(outputDir)).toEqual(plan.slice(0, 2).map((unit) => `${unit.id}.json`));
    const rest = await experiment({ numDiscussions: 5 }).begin({ outputDir });
    expect(rest).toMatchObject({ total: 5, finished: 5, alreadyDone: 2 });
  });
});
