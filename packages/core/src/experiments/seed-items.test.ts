import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import { DiscussionExperiment } from "./discussion-experiment.js";

const THREAD = ["Cities should ban cars.", "Only in the centre.", "Buses too?"];

function experiment(seedOpinions: DiscussionExperiment["seedOpinions"]) {
  return new DiscussionExperiment({
    users: participantPool(promptEchoModel()),
    seedOpinions,
    numDiscussions: 12,
    numTurns: 3,
    numActiveUsers: 2,
    seed: 5,
  });
}

describe("DiscussionExperiment seed items", () => {
  it("draws a comment or a thread per discussion, written in order by its first participants", () => {
    const plan = experiment(["Tipping should end.", THREAD]).plan();
    expect(new Set(plan.map((unit) => unit.seedOpinions.length))).toEqual(new Set([1, 3]));
    for (const unit of plan) {
      const [first, second] = unit.participants;
      if (unit.seedOpinions.length === 1) {
        expect(unit.seedOpinions).toEqual(["Tipping should end."]);
        expect(unit.seedOpinionUsernames).toEqual([first]);
      } else {
        expect(unit.seedOpinions).toEqual(THREAD);
        // Three comments, two participants: the authors go round.
        expect(unit.seedOpinionUsernames).toEqual([first, second, first]);
      }
      expect(unit.seedOpinion).toBe(unit.seedOpinions[0]);
      expect(unit.seedOpinionUsername).toBe(first);
    }
  });

  it("opens each discussion file with its thread, and the first turn goes to someone other than its last author", async () => {
    const outputDir = await freshDir();
    const run = experiment([THREAD]);
    await run.begin({ outputDir });
    for (const unit of run.plan()) {
      const file = await readJson<DiscussionFile>(join(outputDir, `${unit.id}.json`));
      expect(file.logs.slice(0, 3)).toEqual(
        THREAD.map((text, index) => ({ name: unit.seedOpinionUsernames[index], text, model: "hardcoded" })),
      );
      expect(file.logs[3]?.name).not.toBe(unit.participants[0]);
      expect(file.logs).toHaveLength(3 + 3);
    }
  });

  it("refuses an empty thread or an empty comment in one, naming where", () => {
    expect(() => experiment([[]])).toThrow("seedOpinions[0]: a seed thread needs at least one comment");
    expect(() => experiment(["fine", ["ok", " "]])).toThrow("seedOpinions[1][1]: every seed opinion must be non-empty");
    expect(() => experiment([[{ name: "Ana", text: " " }]])).toThrow(
      "seedOpinions[0][0].text: every seed opinion must be non-empty",
    );
    expect(() => experiment([["ok", { name: "", text: "Fine." }]])).toThrow(
      "seedOpinions[0][1].name: a seed comment's author must be a non-empty name",
    );
  });

  it("keeps the authors a thread names, and gives the unnamed comments to the participants at their positions", () => {
    const plan = experiment([[{ name: "cyclist_42", text: THREAD[0] as string }, THREAD[1] as string]]).plan();
    for (const unit of plan) {
      expect(unit.seedOpinions).toEqual(THREAD.slice(0, 2));
      expect(unit.seedOpinionUsernames).toEqual(["cyclist_42", unit.participants[1]]);
    }
  });

  it("writes the named authors into the file as they are, while participants go by their random usernames", async () => {
    const outputDir = await freshDir();
    const thread = [
      { name: "cyclist_42", text: "Cities should ban cars." },
      { name: "night_nurse", text: "Some of us work night shifts." },
    ];
    const run = new DiscussionExperiment({
      users: participantPool(promptEchoModel()),
      seedOpinions: [thread],
      numDiscussions: 3,
      numTurns: 2,
      numActiveUsers: 2,
      seed: 8,
      usernames: "random",
    });
    await run.begin({ outputDir });
    for (const unit of run.plan()) {
      const file = await readJson<DiscussionFile & { seed_opinion_users: string[] }>(
        join(outputDir, `${unit.id}.json`),
      );
      expect(file.logs.slice(0, 2)).toEqual(thread.map(({ name, text }) => ({ name, text, model: "hardcoded" })));
      expect(file.seed_opinion_users).toEqual(["cyclist_42", "night_nurse"]);
      // The participants speak under their drawn names, none of which is a seed author's.
      const speakers = new Set(file.logs.slice(2).map((entry) => entry.name));
      expect(speakers.size).toBeGreaterThan(0);
      for (const speaker of speakers) expect(file.users).toContain(speaker);
      expect(file.users).not.toContain("cyclist_42");
    }
  });
});
