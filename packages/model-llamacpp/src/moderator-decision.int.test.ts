import { Actor, Discussion, type ModeratorTurnRecord, Persona, RoundRobin } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

function actor(model: LlamaCppModel, username: string, instructions = "Act like a human would"): Actor {
  return new Actor({
    model,
    persona: new Persona({ username, age: 30 }),
    context: "You are taking part in an online conversation",
    instructions,
  });
}

describe.skipIf(!haveTestModels())("a deciding moderator on stories260K through llama.cpp", () => {
  let model: LlamaCppModel | undefined;
  beforeAll(async () => {
    model = await loadTestModel("stories260K.gguf", {
      chatTemplate: "plain",
      maxOutTokens: 24,
      temperature: 0.8,
      seed: 3,
    });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it("answers the constrained question validly before every potential intervention, and speaks only on yes", async () => {
    const llm = model as LlamaCppModel;
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [actor(llm, "Emma35"), actor(llm, "Giannis")],
      moderator: actor(llm, "Moderator", "You are a moderator. Intervene only when a comment breaks the rules"),
      moderatorPolicy: "decide",
      convLen: 6,
      seedOpinion: "Once upon a time there was a big red ball.",
      seedOpinionUsername: "Emma35",
    });
    await discussion.begin({ verbose: false });
    const file = discussion.toDict();
    const records = file.moderator_turns as ModeratorTurnRecord[];
    const participantComments = discussion.logs.filter((entry) => entry.name !== "Moderator").length - 1;
    expect(file.moderator_policy).toEqual({ type: "decide" });
    // One decision per participant comment, until the moderator ends the discussion.
    expect(records.length).toBe(participantComments);
    for (const record of records) {
      // The grammar holds the answer to one of the three labels: none is invalid.
      expect(record.decision_valid, record.decision_text).toBe(true);
      expect(["yes", "no", "end"]).toContain(record.decision);
      expect(record.decision_prompt_tokens).toBeGreaterThan(0);
      if (record.decision !== "yes") expect(record.intervened).toBe(false);
    }
    const moderatorComments = discussion.logs.filter((entry) => entry.name === "Moderator").length;
    expect(moderatorComments).toBe(records.filter((record) => record.intervened).length);
    expect(file.end_reason).toBe(records.at(-1)?.decision === "end" ? "moderator" : "turns");
  });
});
