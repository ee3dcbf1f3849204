// Replays SynDisco's guide "Creating a Discussion" (../shared/seed/creating-a-discussion.md) step by step
// with the TypeScript API and a scripted model in place of the Llama model the guide downloads.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Actor, ActorType, Discussion, Persona, RandomWeighted, RoundRobin } from "../src/index.js";
import { ScriptedModel } from "../src/testing.js";
import { CONTEXT, GUIDE_PERSONAS, INSTRUCTIONS, MODERATOR_PERSONA } from "./personas.js";

const MODERATOR_INSTRUCTIONS = "You are a moderator. Oversee the discussion";

// What the guide's model says, including the leaks the port must clean up.
const llm = new ScriptedModel({
  name: "test_model",
  maxOutTokens: 100,
  replies: [
    "I'm so glad I finally got a moment to myself. How about you, how's your day going?",
    '"Hey Emma, I feel you. I\'ve been in coding mode nonstop since morning too."',
    "User Emma35 posted: My shift was pretty crazy, as usual.",
    { text: '"Ah, nice to hear that. Everything turned out okay at the', finishReason: "length" },
    "Sure thing!\nUser Giannis posted: I'm glad you're interested, Emma!",
  ],
});

const personas = GUIDE_PERSONAS.map((data) => new Persona(data));
const actors = personas.map(
  (persona) =>
    new Actor({ model: llm, persona, actorType: ActorType.USER, context: CONTEXT, instructions: INSTRUCTIONS }),
);
const moderator = new Actor({
  model: llm,
  persona: new Persona(MODERATOR_PERSONA),
  actorType: ActorType.USER,
  context: CONTEXT,
  instructions: MODERATOR_INSTRUCTIONS,
});

function capturePrinted(): () => string {
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
  return () => printed.join("\n");
}

describe("the guide 'Creating a Discussion', in TypeScript", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints personas as SynDisco does", () => {
    expect(personas.map(String)).toEqual([
      '{"username": "Emma35", "age": 38, "sex": "female", "sexual_orientation": "Heterosexual", "demographic_group": "Latino", "current_employment": "Registered Nurse", "education_level": "Bachelor\'s", "special_instructions": "", "personality_characteristics": ["compassionate", "patient", "diligent", "overwhelmed"]}',
      '{"username": "Giannis", "age": 21, "sex": "male", "sexual_orientation": "Pansexual", "demographic_group": "White", "current_employment": "Game Developer", "education_level": "College", "special_instructions": "", "personality_characteristics": ["strategic", "meticulous", "nerdy", "hyper-focused"]}',
    ]);
  });

  it("manages turns round robin", () => {
    const rrobinTurnManager = new RoundRobin(["John", "Mary", "Howard", "Todd"]);
    const order = Array.from({ length: 10 }, () => rrobinTurnManager.next().value);
    expect(order).toEqual(["John", "Mary", "Howard", "Todd", "John", "Mary", "Howard", "Todd", "John", "Mary"]);
  });

  it("manages turns random weighted, reproducibly for a seed", () => {
    const draw = () =>
      new RandomWeighted({ names: ["John", "Mary", "Howard", "Todd"], pRespond: 0.5, seed: 2025 }).take(10);
    const order = draw();
    expect(order).toEqual(draw());
    expect(new Set(order).size).toBeGreaterThan(1);
  });

  it("runs a discussion of two users, then one with a moderator, and saves it as SynDisco's JSON", async () => {
    const printed = capturePrinted();
    const turnManager = new RoundRobin(actors.map((actor) => actor.getName()));
    const conv = new Discussion({ nextTurnManager: turnManager, users: actors });
    await conv.begin();
    expect(conv.logs.map((entry) => entry.name)).toEqual(["Emma35", "Giannis", "Emma35", "Giannis", "Emma35"]);
    expect(printed()).toContain("User Emma35 posted:\nI'm so glad I finally got a moment to myself.");
    // Cleaning: quotes unwrapped, the echoed header removed, the cut reply trimmed, the foreign comment dropped.
    expect(conv.logs.map((entry) => entry.text)).toEqual([
      "I'm so glad I finally got a moment to myself. How about you, how's your day going?",
      "Hey Emma, I feel you. I've been in coding mode nonstop since morning too.",
      "My shift was pretty crazy, as usual.",
      "Ah, nice to hear that.",
      "Sure thing!",
    ]);
    for (const entry of conv.logs) expect(entry.text).not.toMatch(/User \S+ posted:|^"/);

    const moderatedTurns = new RoundRobin([...actors.map((actor) => actor.getName()), moderator.getName()]);
    const moderated = new Discussion({ nextTurnManager: moderatedTurns, users: [...actors, moderator], moderator });
    await moderated.begin({ verbose: false });
    const speakers = moderated.logs.map((entry) => entry.name);
    speakers.forEach((name, i) => {
      if (i > 0 && name === "Moderator") expect(speakers[i - 1]).not.toBe("Moderator");
    });

    const path = join(await mkdtemp(join(tmpdir(), "guide-")), "discussion.json");
    await moderated.toJsonFile(path);
    const file = JSON.parse(await readFile(path, "utf8"));
    expect(Object.keys(file).slice(0, 8)).toEqual([
      "id",
      "timestamp",
      "users",
      "moderator",
      "user_prompts",
      "moderator_prompt",
      "ctx_length",
      "logs",
    ]);
    expect(file.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(file.timestamp).toMatch(/^\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/);
    expect(file.users).toEqual(["Emma35", "Giannis", "Moderator"]);
    expect(file.moderator).toBe("Moderator");
    expect(file.user_prompts[0]).toEqual({
      context: CONTEXT,
      instructions: INSTRUCTIONS,
      type: "1",
      persona: GUIDE_PERSONAS[0],
    });
    expect(file.user_prompts[2].persona).toEqual(MODERATOR_PERSONA);
    expect(file.moderator_prompt).toEqual({
      context: CONTEXT,
      instructions: MODERATOR_INSTRUCTIONS,
      type: "1",
      persona: MODERATOR_PERSONA,
    });
    expect(file.ctx_length).toBe(5);
    expect(file.logs.length).toBeGreaterThan(0);
    for (const entry of file.logs) {
      expect(entry).toMatchObject({ name: expect.any(String), text: expect.any(String), model: "test_model" });
    }
  });
});
