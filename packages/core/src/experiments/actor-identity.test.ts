import { describe, expect, it } from "vitest";
import { Actor } from "../actor/actor.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { actorIdentity } from "./experiment-options.js";

describe("actorIdentity", () => {
  const model = new ScriptedModel({ replies: ["x"] });
  const persona = new Persona({ username: "Emma35", age: 38 });
  const base = { model, persona, context: "c", instructions: "i" };

  it("is what it was for an actor with the defaults, so earlier runs resume", () => {
    expect(actorIdentity(new Actor(base))).toEqual({
      context: "c",
      instructions: "i",
      type: "1",
      persona: { username: "Emma35", age: 38 },
      answerForm: undefined,
      model: "scripted",
    });
  });

  it("changes with the prompt style and with a name apart from the persona, which change the outputs", () => {
    expect(actorIdentity(new Actor({ ...base, promptStyle: "2.2" }))).toMatchObject({ promptStyle: "2.2" });
    expect(actorIdentity(new Actor({ ...base, name: "Mod" }))).toMatchObject({ name: "Mod" });
  });
});
