import { describe, expect, it } from "vitest";
import { participantPool, promptEchoModel } from "../../test/experiment-helpers.js";
import { InputError } from "../errors.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import { resolveDiscussionExperimentOptions } from "./discussion-experiment-options.js";

describe("resolveDiscussionExperimentOptions", () => {
  const users = participantPool(promptEchoModel());

  it("applies the documented defaults, an option set to undefined counting as unset", () => {
    const resolved = resolveDiscussionExperimentOptions({ users, numTurns: undefined, moderator: undefined });
    expect(resolved).toMatchObject({
      seedOpinions: [],
      moderatorPolicy: "always",
      historyCtxLen: 3,
      numTurns: 10,
      numActiveUsers: 2,
      numDiscussions: 5,
      concurrency: 1,
      usernames: "persona",
      metadata: {},
    });
    expect(resolved.nextTurnManager).toBeInstanceOf(RoundRobin);
    expect(resolved.moderator).toBeUndefined();
    expect(resolved.seed).toBeUndefined();
    // Each experiment gets its own default turn manager.
    expect(resolveDiscussionExperimentOptions({ users }).nextTurnManager === resolved.nextTurnManager).toBe(false);
  });

  it("keeps copies of the caller's lists", () => {
    const pool = [...users];
    const thread = ["First.", "Second."];
    const mix = [{ instructions: "Be kind.", weight: 1 }];
    const resolved = resolveDiscussionExperimentOptions({ users: pool, seedOpinions: [thread], instructionMix: mix });
    pool.pop();
    thread.push("Third.");
    (mix[0] as { weight: number }).weight = 9;
    expect(resolved.users).toHaveLength(users.length);
    expect(resolved.seedOpinions).toEqual([["First.", "Second."]]);
    expect(resolved.instructionMix?.[0]?.weight).toBe(1);
  });

  it("names the unknown or invalid option", () => {
    expect(() => resolveDiscussionExperimentOptions({ users, numTurn: 3 } as never)).toThrow(/Did you mean "numTurns"/);
    expect(() => resolveDiscussionExperimentOptions({ users, numTurns: 0 })).toThrow(InputError);
    expect(() => resolveDiscussionExperimentOptions({ users, numTurns: null as never })).toThrow(/numTurns/);
  });
});
