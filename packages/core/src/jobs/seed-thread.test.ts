import { describe, expect, it } from "vitest";
import { participant } from "../../test/personas.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { RandomTurnManager } from "../turn-managers/random-turn-manager.js";
import { RandomWeighted } from "../turn-managers/random-weighted.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import { Discussion } from "./discussion.js";

const model = () => new ScriptedModel({ replies: (_messages, call) => `Reply ${call}.` });

describe("Discussion seed threads", () => {
  it("opens with every seed comment in order, by its author, and shows them to the first speaker", async () => {
    const scripted = model();
    const users = [participant(scripted, "A"), participant(scripted, "B"), participant(scripted, "C")];
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users,
      convLen: 1,
      seedOpinions: ["Cities should ban cars.", "   ", "Only in the centre."],
      seedOpinionUsernames: ["A", "C", "B"],
    });
    await discussion.begin({ verbose: false });
    expect(discussion.logs.slice(0, 2)).toEqual([
      { name: "A", text: "Cities should ban cars.", model: "hardcoded" },
      { name: "B", text: "Only in the centre.", model: "hardcoded" },
    ]);
    expect(scripted.calls[0]?.messages[1]?.content).toBe(
      "User A posted:\nCities should ban cars.\nUser B posted:\nOnly in the centre.\nUser A posted:",
    );
    expect(discussion.seedOpinion).toBe("Cities should ban cars.");
    expect(discussion.toDict()).toMatchObject({
      seed_opinion: "Cities should ban cars.",
      seed_opinion_user: "A",
      seed_opinions: ["Cities should ban cars.", "Only in the centre."],
      seed_opinion_users: ["A", "B"],
    });
  });

  it("refuses authors that do not match the comments, and both spellings at once", () => {
    const users = [participant(model(), "A"), participant(model(), "B")];
    const make = (options: Record<string, unknown>) => () =>
      new Discussion({ nextTurnManager: new RoundRobin(), users, ...options });
    expect(make({ seedOpinions: ["x", "y"], seedOpinionUsernames: ["A"] })).toThrow(
      "seedOpinionUsernames: seedOpinions has 2 comments but seedOpinionUsernames 1 authors. Give one author",
    );
    expect(make({ seedOpinions: ["x"] })).toThrow("seedOpinions has 1 comments but seedOpinionUsernames 0 authors");
    expect(make({ seedOpinions: ["x"], seedOpinionUsernames: [""] })).toThrow(
      "seedOpinions[0]: every seed comment needs text and the username of who wrote it",
    );
    expect(
      make({ seedOpinion: "x", seedOpinionUsername: "A", seedOpinions: ["y"], seedOpinionUsernames: ["B"] }),
    ).toThrow("seedOpinion and seedOpinions cannot be used together");
  });
});

describe("the seed's last author never takes the first turn", () => {
  const firstSpeaker = async (manager: TurnManager, seedAuthor: string, names = ["Giannis", "Emma35", "Lena"]) => {
    const scripted = model();
    const discussion = new Discussion({
      nextTurnManager: manager,
      users: names.map((name) => participant(scripted, name)),
      convLen: 2,
      seedOpinion: "Hot take.",
      seedOpinionUsername: seedAuthor,
    });
    await discussion.begin({ verbose: false });
    return discussion.logs.slice(1).map((entry) => entry.name);
  };

  it("round robin moves on to the next in order, and keeps its order afterwards", async () => {
    // Issue 16, item 11g: with a seed by Giannis, round robin's first speaker was Giannis again.
    expect(await firstSpeaker(new RoundRobin(), "Giannis")).toEqual(["Emma35", "Lena"]);
    expect(await firstSpeaker(new RoundRobin(), "Emma35")).toEqual(["Giannis", "Emma35"]);
  });

  it("random policies draw among the others, for every seed tried", async () => {
    for (let seed = 0; seed < 40; seed++) {
      for (const manager of [new RandomTurnManager({ seed }), new RandomWeighted({ pRespond: 0.5, seed })]) {
        const [first] = await firstSpeaker(manager, "Giannis");
        expect(first).not.toBe("Giannis");
      }
    }
  });

  it("lets the seed author speak when nobody else can", async () => {
    expect(await firstSpeaker(new RoundRobin(), "Giannis", ["Giannis"])).toEqual(["Giannis", "Giannis"]);
  });
});
