import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { participant } from "../../test/personas.js";
import { ActorType } from "../actor/actor-type.js";
import { InputError } from "../errors.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import { Discussion } from "./discussion.js";

/** A model whose reply names the speaker and counts its calls, so the log shows who said what. */
function namingModel(name = "scripted") {
  return new ScriptedModel({
    name,
    replies: (messages, call) => `${/User (\S+) posted:$/.exec(messages[1]?.content ?? "")?.[1]} says ${call}.`,
  });
}

describe("Discussion", () => {
  it("runs convLen participant turns in the turn manager's order", async () => {
    const model = namingModel();
    const users = [participant(model, "A"), participant(model, "B")];
    const discussion = new Discussion({ nextTurnManager: new RoundRobin(), users, convLen: 3 });
    await discussion.begin({ verbose: false });
    expect(discussion.logs.map((entry) => [entry.name, entry.text, entry.model])).toEqual([
      ["A", "A says 0.", "scripted"],
      ["B", "B says 1.", "scripted"],
      ["A", "A says 2.", "scripted"],
    ]);
  });

  it("shows each speaker the last historyContextLen comments", async () => {
    const model = namingModel();
    const users = [participant(model, "A"), participant(model, "B")];
    await new Discussion({ nextTurnManager: new RoundRobin(), users, convLen: 4, historyContextLen: 2 }).begin({
      verbose: false,
    });
    expect(model.calls[3]?.messages[1]?.content).toBe(
      "User B posted:\nB says 1.\nUser A posted:\nA says 2.\nUser B posted:",
    );
  });

  it("starts with the seed opinion, by its author, with model hardcoded", async () => {
    const model = namingModel();
    const users = [participant(model, "A"), participant(model, "B")];
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users,
      convLen: 1,
      seedOpinion: "Pineapple belongs on pizza.",
      seedOpinionUsername: "B",
    });
    await discussion.begin({ verbose: false });
    expect(discussion.logs[0]).toEqual({ name: "B", text: "Pineapple belongs on pizza.", model: "hardcoded" });
    expect(model.calls[0]?.messages[1]?.content).toBe("User B posted:\nPineapple belongs on pizza.\nUser A posted:");
  });

  it("skips an empty reply, and the turn still counts", async () => {
    const model = new ScriptedModel({ replies: ["First.", "   ", "Third."] });
    const users = [participant(model, "A"), participant(model, "B")];
    const discussion = new Discussion({ nextTurnManager: new RoundRobin(), users, convLen: 3 });
    await discussion.begin({ verbose: false });
    expect(discussion.logs.map((entry) => entry.text)).toEqual(["First.", "Third."]);
    expect(model.calls).toHaveLength(3);
  });

  it("lets the moderator speak after every non-empty comment of another participant", async () => {
    const model = new ScriptedModel({ replies: ["One.", "", "Two.", "Three."] });
    const moderatorModel = new ScriptedModel({ name: "mod-model", replies: ["Please stay civil."] });
    const moderator = participant(moderatorModel, "Mod");
    const users = [participant(model, "A"), participant(model, "B")];
    const discussion = new Discussion({ nextTurnManager: new RoundRobin(), users, moderator, convLen: 4 });
    await discussion.begin({ verbose: false });
    expect(discussion.logs.map((entry) => `${entry.name}: ${entry.text}`)).toEqual([
      "A: One.",
      "Mod: Please stay civil.",
      "A: Two.",
      "Mod: Please stay civil.",
      "B: Three.",
      "Mod: Please stay civil.",
    ]);
    expect(discussion.logs[1]?.model).toBe("mod-model");
  });

  it("never lets a moderator who is also a participant speak twice in a row", async () => {
    const model = new ScriptedModel({ replies: ["Something."] });
    const moderator = participant(model, "Mod");
    const users = [participant(model, "A"), participant(model, "B"), moderator];
    const discussion = new Discussion({ nextTurnManager: new RoundRobin(), users, moderator, convLen: 9 });
    await discussion.begin({ verbose: false });
    const names = discussion.logs.map((entry) => entry.name);
    for (let i = 1; i < names.length; i++) {
      if (names[i] === "Mod") expect(names[i - 1]).not.toBe("Mod");
    }
    expect(names.filter((name) => name !== "Mod")).toHaveLength(9);
  });

  it("can be taken one comment at a time", async () => {
    const model = namingModel();
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [participant(model, "A"), participant(model, "B")],
      convLen: 5,
    });
    const seen: string[] = [];
    for await (const comment of discussion) {
      seen.push(`${comment.turn}:${comment.name}`);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["0:A", "1:B"]);
    expect(model.calls).toHaveLength(2);
  });

  it("runs only once", async () => {
    const model = namingModel();
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [participant(model, "A")],
      convLen: 1,
    });
    await discussion.begin({ verbose: false });
    await expect(discussion.begin({ verbose: false })).rejects.toThrow("already run");
  });

  it("stops when its signal aborts", async () => {
    const model = new ScriptedModel({ replies: ["Slow."], latencyMs: 50 });
    const controller = new AbortController();
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [participant(model, "A"), participant(model, "B")],
      convLen: 50,
    });
    setTimeout(() => controller.abort(new Error("stop now")), 120);
    await expect(discussion.begin({ verbose: false, signal: controller.signal })).rejects.toThrow("stop now");
    expect(discussion.logs.length).toBeLessThan(50);
  });

  it("records token counts, latency and the finish reason beside SynDisco's keys", async () => {
    const model = new ScriptedModel({ replies: [{ text: "Hi there.", promptTokens: 12, completionTokens: 3 }] });
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [participant(model, "A")],
      convLen: 1,
    });
    await discussion.begin({ verbose: false });
    expect(discussion.logs[0]).toMatchObject({ prompt_tokens: 12, completion_tokens: 3, finish_reason: "stop" });
    expect(discussion.logs[0]?.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("writes its file whole and never replaces an existing one", async () => {
    const model = namingModel();
    const discussion = new Discussion({
      nextTurnManager: new RoundRobin(),
      users: [participant(model, "A")],
      convLen: 1,
    });
    await discussion.begin({ verbose: false });
    const path = join(await mkdtemp(join(tmpdir(), "discussion-")), "out", "discussion.json");
    await discussion.toJsonFile(path);
    expect(JSON.parse(await readFile(path, "utf8")).id).toBe(discussion.id);
    await expect(discussion.toJsonFile(path)).rejects.toThrow("already exists");
    await discussion.toJsonFile(path, { overwrite: true });
  });

  describe("rejects bad input with a clear error", () => {
    const model = namingModel();
    const tm = () => new RoundRobin();

    it("no users", () => {
      expect(() => new Discussion({ nextTurnManager: tm(), users: [] })).toThrow(
        "a discussion needs at least one user",
      );
    });

    it("convLen below 1", () => {
      expect(() => new Discussion({ nextTurnManager: tm(), users: [participant(model, "A")], convLen: 0 })).toThrow(
        "convLen must be a whole number of at least 1, not 0",
      );
    });

    it("an annotator as a participant", () => {
      const users = [participant(model, "A"), participant(model, "Judge", ActorType.ANNOTATOR)];
      expect(() => new Discussion({ nextTurnManager: tm(), users })).toThrow(
        'users[1]: "Judge" is an annotator and cannot take part in a discussion',
      );
    });

    it("a seed opinion without its username", () => {
      expect(
        () => new Discussion({ nextTurnManager: tm(), users: [participant(model, "A")], seedOpinion: "Hot take." }),
      ).toThrow("seedOpinionUsername: a seed opinion needs the username of who wrote it");
    });

    it("two users with the same name", () => {
      expect(
        () => new Discussion({ nextTurnManager: tm(), users: [participant(model, "A"), participant(model, "A")] }),
      ).toThrow(InputError);
    });
  });
});
