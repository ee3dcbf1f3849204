import { Actor, ActorType, type ChatMessage, Discussion, type ModelReply, Persona, RoundRobin } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

const USERS = ["Emma35", "Giannis", "Lily"];

/** Runs one round-robin discussion of two rounds among USERS and returns every reply in turn order. */
async function discussionReplies(model: LlamaCppModel): Promise<ModelReply[]> {
  const replies: ModelReply[] = [];
  const prompt = model.prompt.bind(model);
  model.prompt = async (messages, options) => {
    const reply = await prompt(messages, options);
    replies.push(reply);
    return reply;
  };
  const users = USERS.map(
    (username, index) =>
      new Actor({
        model,
        persona: new Persona({ username, age: 30 + index, personality_characteristics: ["kind", "curious"] }),
        context: "You are taking part in an online conversation",
        instructions: "Act like a human would",
        actorType: ActorType.USER,
      }),
  );
  const discussion = new Discussion({
    id: "reuse",
    nextTurnManager: new RoundRobin(),
    users,
    convLen: USERS.length * 2,
    historyContextLen: 3,
    seedOpinion: "Once upon a time there was a big park.",
    seedOpinionUsername: "Emma35",
  });
  await discussion.begin({ verbose: false });
  return replies;
}

const evaluated = (replies: ModelReply[]) =>
  replies.reduce((sum, reply) => sum + (reply.evaluatedPromptTokens ?? 0), 0);
const prompted = (replies: ModelReply[]) => replies.reduce((sum, reply) => sum + (reply.promptTokens ?? 0), 0);

describe.skipIf(!haveTestModels())("prompt prefixes kept in the KV cache", () => {
  it("keeps each actor's system prompt cached between its turns when parallel covers the actors", async () => {
    const options = { maxOutTokens: 24, chatTemplate: "plain" } as const;
    const shared = await loadTestModel("stories260K.gguf", { ...options, parallel: 1 });
    const oneSequence = await discussionReplies(shared).finally(() => shared.dispose());
    const perActor = await loadTestModel("stories260K.gguf", { ...options, parallel: USERS.length });
    const ownSequences = await discussionReplies(perActor).finally(() => perActor.dispose());

    // Greedy decoding: the same prompts either way, so the evaluated counts compare like for like.
    expect(ownSequences.map((reply) => reply.promptTokens)).toEqual(oneSequence.map((reply) => reply.promptTokens));
    const secondRound = (replies: ModelReply[]) => replies.slice(USERS.length);
    for (const [index, reply] of secondRound(ownSequences).entries()) {
      expect(reply.evaluatedPromptTokens).toBeLessThan(secondRound(oneSequence)[index]?.evaluatedPromptTokens ?? 0);
    }
    // From its second turn on, an actor evaluates well under 60% of its prompt: its system prompt is cached.
    expect(evaluated(secondRound(ownSequences)) / prompted(secondRound(ownSequences))).toBeLessThan(0.6);
  });

  it("finds the sequence holding a prompt's beginning for calls without a session key", async () => {
    const system = (username: string): ChatMessage => ({
      role: "system",
      content: `You are ${username}, a gardener who loves roses and talks about the weather every morning.`,
    });
    const calls: ChatMessage[][] = [
      [system("Emma35"), { role: "user", content: "User Tom posted:\nThe park is green." }],
      [system("Giannis"), { role: "user", content: "User Tom posted:\nThe sun is hot." }],
      [system("Emma35"), { role: "user", content: "User Sue posted:\nI saw a dog." }],
    ];
    const lastEvaluated = async (parallel: number) => {
      const model = await loadTestModel("stories260K.gguf", { maxOutTokens: 8, chatTemplate: "plain", parallel });
      try {
        let last: ModelReply | undefined;
        for (const messages of calls) last = await model.prompt(messages);
        return last as ModelReply;
      } finally {
        await model.dispose();
      }
    };
    const withOneSequence = await lastEvaluated(1);
    const withTwo = await lastEvaluated(2);
    // With two sequences, Emma35's second call goes back to the sequence that holds her system prompt.
    expect(withTwo.evaluatedPromptTokens).toBeLessThan((withOneSequence.evaluatedPromptTokens ?? 0) - 10);
  });
});
