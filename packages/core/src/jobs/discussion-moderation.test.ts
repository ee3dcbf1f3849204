import { describe, expect, it } from "vitest";
import { participant } from "../../test/personas.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import { Discussion } from "./discussion.js";
import type { DiscussionOptions } from "./discussion-options.js";
import { DECISION_QUESTION } from "./moderator-decision.js";

/** Users A and B answer with their name and turn; the moderator's model answers from `moderatorReplies`. */
function moderatedDiscussion(
  moderatorReplies: ConstructorParameters<typeof ScriptedModel>[0]["replies"],
  options: Partial<DiscussionOptions> = {},
) {
  const users = new ScriptedModel({ replies: (_, call) => `comment ${call}.` });
  const moderatorModel = new ScriptedModel({ name: "moderator-model", replies: moderatorReplies });
  const moderator = participant(moderatorModel, "Mod");
  const discussion = new Discussion({
    nextTurnManager: new RoundRobin(),
    users: [participant(users, "A"), participant(users, "B")],
    moderator,
    convLen: 6,
    ...options,
  });
  return { discussion, moderatorModel };
}

/** The participant turns after which the moderator's comment appears in the logs. */
async function interventions(discussion: Discussion): Promise<number[]> {
  const turns: number[] = [];
  for await (const comment of discussion) if (comment.isModerator) turns.push(comment.turn);
  return turns;
}

describe("moderator policies", () => {
  it("always: the moderator answers every comment (SynDisco 2.0)", async () => {
    const { discussion } = moderatedDiscussion(["Be kind."]);
    expect(await interventions(discussion)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(discussion.toDict().moderator_policy).toEqual({ type: "always" });
  });

  it("every k: the moderator speaks after every k-th comment only, and is not called otherwise", async () => {
    const { discussion, moderatorModel } = moderatedDiscussion(["Be kind."], { moderatorPolicy: { every: 2 } });
    expect(await interventions(discussion)).toEqual([1, 3, 5]);
    expect(moderatorModel.calls).toHaveLength(3);
    const turns = discussion.toDict().moderator_turns as { turn: number; policy: string; intervened: boolean }[];
    expect(turns.map((record) => [record.turn, record.policy, record.intervened])).toEqual([
      [0, "skip", false],
      [1, "speak", true],
      [2, "skip", false],
      [3, "speak", true],
      [4, "skip", false],
      [5, "speak", true],
    ]);
  });

  it("probability p: the same interventions for the same seed", async () => {
    const run = async (moderatorSeed: number) =>
      interventions(
        moderatedDiscussion(["Be kind."], { moderatorPolicy: { probability: 0.5 }, moderatorSeed, convLen: 40 })
          .discussion,
      );
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(40);
    // Another seed gives another pattern (checked over a few seeds, not one, to stay deterministic).
    const others = await Promise.all([4, 5, 6].map(run));
    expect(others.some((pattern) => pattern.join() !== first.join())).toBe(true);
  });

  it("decide: the moderator is asked first, writes only on yes, and both calls are recorded", async () => {
    // Answers to the decision question alternate no, yes; after a yes comes the comment itself.
    const { discussion, moderatorModel } = moderatedDiscussion(
      (messages, call) => {
        const content = messages[1]?.content ?? "";
        if (content.includes(DECISION_QUESTION)) return call % 3 === 0 ? "no" : '{"answer": "yes"}';
        return "Please stay on topic.";
      },
      { moderatorPolicy: "decide", convLen: 4 },
    );
    const turns = await interventions(discussion);
    // Calls: 0 ask→no, 1 ask→yes, 2 comment, 3 ask→no, 4 ask→yes, 5 comment.
    expect(turns).toEqual([1, 3]);
    expect(moderatorModel.calls).toHaveLength(6);
    expect(moderatorModel.calls[0]?.options.responseSchema).toBeDefined();
    const records = discussion.toDict().moderator_turns as Record<string, unknown>[];
    expect(records.map((record) => [record.decision, record.intervened])).toEqual([
      ["no", false],
      ["yes", true],
      ["no", false],
      ["yes", true],
    ]);
    expect(records[1]).toMatchObject({ decision_text: '{"answer": "yes"}', decision_valid: true });
  });

  it("decide: an answer that is not yes, no or end counts as silence", async () => {
    const { discussion } = moderatedDiscussion(["perhaps later"], { moderatorPolicy: "decide", convLen: 2 });
    expect(await interventions(discussion)).toEqual([]);
    const records = discussion.toDict().moderator_turns as Record<string, unknown>[];
    expect(records[0]).toMatchObject({ decision: "no", decision_valid: false, intervened: false });
  });

  it("an empty or whitespace-only moderator reply is silence: no comment, nothing in the history", async () => {
    const { discussion } = moderatedDiscussion(["   "], { convLen: 2 });
    expect(await interventions(discussion)).toEqual([]);
    expect(discussion.logs.map((entry) => entry.name)).toEqual(["A", "B"]);
    const records = discussion.toDict().moderator_turns as Record<string, unknown>[];
    expect(records.map((record) => record.intervened)).toEqual([false, false]);
  });
});

describe("discussion endings", () => {
  it("ends when the deciding moderator answers end, and says so in the file", async () => {
    const { discussion } = moderatedDiscussion((_, call) => (call === 2 ? "end" : "no"), {
      moderatorPolicy: "decide",
    });
    await discussion.begin({ verbose: false });
    expect(discussion.logs.map((entry) => entry.name)).toEqual(["A", "B", "A"]);
    expect(discussion.endReason).toBe("moderator");
    expect(discussion.toDict().end_reason).toBe("moderator");
  });

  it("ends after k participant turns in a row without a comment", async () => {
    const users = new ScriptedModel({ replies: ["One.", "", "Two.", "", ""] });
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [participant(users, "A"), participant(users, "B")],
      convLen: 10,
      endAfterSilentTurns: 2,
    });
    await discussion.begin({ verbose: false });
    expect(discussion.logs.map((entry) => entry.text)).toEqual(["One.", "Two."]);
    expect(users.calls).toHaveLength(5);
    expect(discussion.toDict().end_reason).toBe("silence");
  });

  it("records that a discussion ran all its turns", async () => {
    const { discussion } = moderatedDiscussion(["Fine."], { convLen: 2 });
    await discussion.begin({ verbose: false });
    expect(discussion.toDict().end_reason).toBe("turns");
  });

  it("refuses endAfterSilentTurns below 1", () => {
    expect(() => moderatedDiscussion(["x"], { endAfterSilentTurns: 0 })).toThrow(/endAfterSilentTurns/);
  });
});
