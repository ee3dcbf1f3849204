import { Actor, ActorType, type BaseModel, Discussion, Persona, RoundRobin } from "@syndisco/core";

const CONTEXT = "You are taking part in an online conversation";
const INSTRUCTIONS = "Act like a human would";

/** One discussion's cast and its first comment. */
export interface DiscussionPlan {
  users: readonly string[];
  seedOpinion: string;
}

/**
 * A SynDisco discussion between the plan's users and a moderator, all spoken for by `model`, in round-robin
 * order, with a fixed id so that runs can be compared.
 */
export function createDiscussion(model: BaseModel, plan: DiscussionPlan, id: string): Discussion {
  const actor = (username: string, instructions: string, age: number) =>
    new Actor({
      model,
      persona: new Persona({ username, age, sex: "female", personality_characteristics: ["kind", "curious"] }),
      context: CONTEXT,
      instructions,
      actorType: ActorType.USER,
    });
  const [first = "Anna"] = plan.users;
  return new Discussion({
    id,
    nextTurnManager: new RoundRobin(),
    users: plan.users.map((name, index) => actor(name, INSTRUCTIONS, 25 + index * 10)),
    moderator: actor("Moderator", "Keep the discussion civil and on topic", 50),
    convLen: 3,
    historyContextLen: 3,
    seedOpinion: plan.seedOpinion,
    seedOpinionUsername: first,
  });
}
