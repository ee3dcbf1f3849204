import { describe, expect, it } from "vitest";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { Actor } from "./actor.js";
import { ActorType } from "./actor-type.js";
import { pythonJsonDumps } from "./python-json.js";

// Every expected string below was written out by hand from SynDisco 2.2's rules (Python's json.dumps: ", "
// and ": " separators, non-ASCII as \uXXXX), not produced by the code under test.
const SYSTEM = String.raw`{"context": "You are taking part in an online conversation", "instructions": "Act like a human would", "type": "user", "persona": {"age": 30, "city": "Z\u00fcrich"}}`;
const EMPTY_HISTORY = String.raw`{"role": "user", "content": "Comments so far: <None>.\nYour comment:"}`;
const TWO_COMMENTS = String.raw`{"role": "user", "content": "Comments so far: Comment by user Giannis: \"\nCities should ban cars.\"\nComment by user Zo\u00eb: \"\nNot \"all\" of them.\".\nYour comment:"}`;

function zoe(model: ScriptedModel, options: Partial<ConstructorParameters<typeof Actor>[0]> = {}) {
  return new Actor({
    model,
    name: "Zoë",
    persona: { age: 30, city: "Zürich" },
    context: "You are taking part in an online conversation",
    instructions: "Act like a human would",
    promptStyle: "2.2",
    ...options,
  });
}

describe('promptStyle "2.2"', () => {
  it("sends SynDisco 2.2's system prompt and its user message for an empty history", async () => {
    const model = new ScriptedModel({ replies: ["Hi."] });
    await zoe(model).speak([]);
    expect(model.calls[0]?.messages).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: EMPTY_HISTORY },
    ]);
  });

  it("formats a history of two comments as 2.2 does", async () => {
    const model = new ScriptedModel({ replies: ["Hi."] });
    await zoe(model).speak([
      { name: "Giannis", text: "Cities should ban cars." },
      { name: "Zoë", text: 'Not "all" of them.' },
    ]);
    expect(model.calls[0]?.messages[1]?.content).toBe(TWO_COMMENTS);
  });

  it("cues an annotator for its annotation, with isAnnotator as 2.2 spells it", async () => {
    const model = new ScriptedModel({ replies: ["3"] });
    const judge = zoe(model, { isAnnotator: true, context: "", instructions: "Rate it" });
    expect(judge.actorType).toBe(ActorType.ANNOTATOR);
    await judge.speak([]);
    expect(model.calls[0]?.messages).toEqual([
      {
        role: "system",
        content: String.raw`{"context": "", "instructions": "Rate it", "type": "annotator", "persona": {"age": 30, "city": "Z\u00fcrich"}}`,
      },
      { role: "user", content: String.raw`{"role": "user", "content": "Comments so far: <None>.\nYour annotation:"}` },
    ]);
  });

  it("names the actor apart from its persona, and keeps 2.0's prompts by default", async () => {
    const model = new ScriptedModel({ replies: ["Hi."] });
    const actor = new Actor({
      model,
      name: "Moderator",
      persona: new Persona({ username: "Emma35", age: 38 }),
      context: "c",
      instructions: "i",
    });
    expect(actor.getName()).toBe("Moderator");
    expect(actor.promptStyle).toBe("2.0");
    await actor.speak([{ name: "Giannis", text: "Hello." }]);
    expect(model.calls[0]?.messages).toEqual([
      {
        role: "system",
        content: '{"context":"c","instructions":"i","type":"1","persona":{"username":"Emma35","age":38}}',
      },
      { role: "user", content: "User Giannis posted:\nHello.\nUser Moderator posted:" },
    ]);
  });

  it("cleans a reply that echoes its own 2.2 header and stops where the next 2.2 comment would start", async () => {
    const model = new ScriptedModel({
      replies: ['Comment by user Zoë: "\nHi there."\nComment by user Giannis: "\nHey"'],
    });
    expect(await zoe(model).speak([])).toBe("Hi there.");
    expect(model.calls[0]?.options.stop).toContain("\nComment by user ");
  });

  it("refuses a persona without a username outside the 2.2 style, and a type that contradicts isAnnotator", () => {
    const model = new ScriptedModel({ replies: ["x"] });
    expect(() => zoe(model, { promptStyle: "2.0" })).toThrow(
      'persona: a persona without a username needs promptStyle "2.2"',
    );
    expect(() => zoe(model, { actorType: ActorType.USER, isAnnotator: true })).toThrow(
      "actorType and isAnnotator disagree",
    );
    expect(() => zoe(model, { promptStyle: "2.1" as "2.2" })).toThrow('promptStyle must be "2.0" or "2.2"');
  });
});

describe("pythonJsonDumps", () => {
  it("writes what Python's json.dumps writes", () => {
    // json.dumps({"a": [1, 2.5, None, True], "b": "tab\t\u007f\U0001F600", "c": {}}) in Python 3:
    expect(pythonJsonDumps({ a: [1, 2.5, null, true], b: "tab\t\u007f😀", c: {} })).toBe(
      String.raw`{"a": [1, 2.5, null, true], "b": "tab\t\u007f\ud83d\ude00", "c": {}}`,
    );
  });
});
