import { describe, expect, it } from "vitest";
import { participantPool, promptEchoModel } from "../../test/experiment-helpers.js";
import { RandomWeighted } from "../turn-managers/random-weighted.js";
import { DiscussionExperiment } from "./discussion-experiment.js";

const SEED_OPINIONS = ["Cities should ban cars.", "Homework does more harm than good.", "Tipping should end."];

function experiment(overrides: Partial<ConstructorParameters<typeof DiscussionExperiment>[0]> = {}) {
  return new DiscussionExperiment({
    users: participantPool(promptEchoModel()),
    seedOpinions: SEED_OPINIONS,
    numDiscussions: 30,
    numActiveUsers: 3,
    seed: 7,
    ...overrides,
  });
}

describe("DiscussionExperiment.plan", () => {
  it("gives the same plan for the same seed, also from a separately built experiment", () => {
    expect(experiment().plan()).toEqual(experiment().plan());
  });

  it("gives a different plan for a different seed", () => {
    const first = experiment({ seed: 7 }).plan();
    const second = experiment({ seed: 8 }).plan();
    expect(second.map((unit) => unit.participants)).not.toEqual(first.map((unit) => unit.participants));
    expect(second.map((unit) => unit.turnManagerSeed)).not.toEqual(first.map((unit) => unit.turnManagerSeed));
  });

  it("draws distinct participants from the pool and a seed opinion said by one of them", () => {
    const names = ["Emma35", "Giannis", "Lena", "Omar", "Sofia"];
    for (const unit of experiment().plan()) {
      expect(unit.participants).toHaveLength(3);
      expect(new Set(unit.participants).size).toBe(3);
      for (const name of unit.participants) expect(names).toContain(name);
      expect(SEED_OPINIONS).toContain(unit.seedOpinion);
      expect(unit.participants).toContain(unit.seedOpinionUsername);
      expect(Number.isInteger(unit.turnManagerSeed)).toBe(true);
    }
  });

  it("varies the draws across the plan", () => {
    const plan = experiment().plan();
    expect(new Set(plan.map((unit) => unit.participants.join(","))).size).toBeGreaterThan(5);
    expect(new Set(plan.map((unit) => unit.seedOpinion)).size).toBe(SEED_OPINIONS.length);
    expect(new Set(plan.map((unit) => unit.turnManagerSeed)).size).toBe(plan.length);
  });

  it("gives every unit a distinct id that numbers it and ends with the experiment's fingerprint", () => {
    const plan = experiment().plan();
    expect(plan.map((unit) => unit.index)).toEqual([...Array(30).keys()]);
    expect(new Set(plan.map((unit) => unit.id)).size).toBe(30);
    expect(plan[0]?.id).toMatch(/^discussion-00001-[0-9a-f]{8}$/);
    expect(plan[29]?.id).toMatch(/^discussion-00030-[0-9a-f]{8}$/);
    const suffixes = new Set(plan.map((unit) => unit.id.slice(-8)));
    expect(suffixes.size).toBe(1);
  });

  it("changes the ids when anything that decides the outputs changes", () => {
    const base = experiment().plan()[0]?.id;
    expect(experiment({ numTurns: 11 }).plan()[0]?.id).not.toBe(base);
    expect(experiment({ historyCtxLen: 4 }).plan()[0]?.id).not.toBe(base);
    expect(experiment({ seedOpinions: ["Another topic."] }).plan()[0]?.id).not.toBe(base);
    expect(experiment({ nextTurnManager: new RandomWeighted({ pRespond: 0.5 }) }).plan()[0]?.id).not.toBe(base);
    // The concurrency decides how fast, not what: same plan.
    expect(experiment({ concurrency: 8 }).plan()).toEqual(experiment().plan());
  });

  it("ignores the seed of the turn manager template, since every discussion gets its own", () => {
    const one = experiment({ nextTurnManager: new RandomWeighted({ pRespond: 0.5, seed: 1 }) }).plan();
    const two = experiment({ nextTurnManager: new RandomWeighted({ pRespond: 0.5, seed: 2 }) }).plan();
    expect(two).toEqual(one);
  });

  it("plans discussions without a seed opinion when the pool has none", () => {
    for (const unit of experiment({ seedOpinions: [] }).plan()) {
      expect(unit.seedOpinion).toBeNull();
      expect(unit.seedOpinionUsername).toBeNull();
    }
  });

  it("draws a seed when none is given and plans deterministically with it", () => {
    const unseeded = experiment({ seed: undefined });
    expect(Number.isInteger(unseeded.seed)).toBe(true);
    expect(experiment({ seed: unseeded.seed }).plan()).toEqual(unseeded.plan());
  });
});
