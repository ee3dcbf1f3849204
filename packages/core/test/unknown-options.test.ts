import { describe, expect, it } from "vitest";
import {
  Actor,
  ActorType,
  Annotation,
  AnnotationExperiment,
  Discussion,
  DiscussionExperiment,
  InputError,
  Persona,
  QueueTurnManager,
  RandomTurnManager,
  RandomWeighted,
  RespondTurnManager,
  RoundRobin,
} from "../src/index.js";
import { ScriptedModel } from "../src/testing.js";
import { participantPool } from "./experiment-helpers.js";

// What a user could write: the options object is built before the call, so TypeScript's excess-property check
// does not catch the slip (and JavaScript users have no such check at all).
function loose<T>(options: Record<string, unknown>): T {
  return options as T;
}

const model = new ScriptedModel({ replies: ["Hi."] });
const users = participantPool(model, ["Emma35", "Giannis"]);
const judge = new Actor({
  model,
  persona: new Persona({ username: "Judge" }),
  context: "You moderate content",
  instructions: "Rate it",
  actorType: ActorType.ANNOTATOR,
});

function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("no InputError was thrown");
}

describe("public constructors reject option keys they do not know", () => {
  it("Discussion: seedOpinon, a misspelling of seedOpinion, is refused with the nearest key", () => {
    const error = inputErrorOf(
      () => new Discussion(loose({ nextTurnManager: new RoundRobin(), users, seedOpinon: "Cities should ban cars." })),
    );
    expect(error.field).toBe("seedOpinon");
    expect(error.message).toMatch(/^seedOpinon: unknown option of Discussion\. Did you mean "seedOpinion"\?/);
    expect(error.message).toContain("The options of Discussion are: nextTurnManager, users, moderator,");
  });

  it.each([
    [
      "Actor",
      () =>
        new Actor(
          loose({ model, persona: new Persona({ username: "A" }), context: "", instructions: "", actortype: "1" }),
        ),
      "actortype",
      "actorType",
    ],
    [
      "Annotation",
      () => new Annotation(loose({ annotator: judge, conversation: "x.json", historyContextLen: 3 })),
      "historyContextLen",
      "historyCtxLen",
    ],
    ["DiscussionExperiment", () => new DiscussionExperiment(loose({ users, numTurn: 3 })), "numTurn", "numTurns"],
    [
      "AnnotationExperiment",
      () => new AnnotationExperiment(loose({ annotators: [judge], includeModeratorComments: false })),
      "includeModeratorComments",
      "includeModComments",
    ],
    ["RandomWeighted", () => new RandomWeighted(loose({ pRespond: 0.5, p_respond: 0.2 })), "p_respond", "pRespond"],
    ["RandomTurnManager", () => new RandomTurnManager(loose({ seeds: 3 })), "seeds", "seed"],
    [
      "QueueTurnManager",
      () => new QueueTurnManager(loose({ randomiseFirstSpeaker: true })),
      "randomiseFirstSpeaker",
      "randomizeFirstSpeaker",
    ],
    ["RespondTurnManager", () => new RespondTurnManager(loose({ prespond: 0.3 })), "prespond", "pRespond"],
  ])("%s", (owner, create, key, nearest) => {
    const error = inputErrorOf(create);
    expect(error.field).toBe(key);
    expect(error.message).toContain(`${key}: unknown option of ${owner}. Did you mean "${nearest}"?`);
  });

  it("lists the options when none is close", () => {
    expect(() => new RandomTurnManager(loose({ temperature: 1 }))).toThrow(
      "temperature: unknown option of RandomTurnManager. The options of RandomTurnManager are: names, seed, avoidLastSpeaker",
    );
  });
});
