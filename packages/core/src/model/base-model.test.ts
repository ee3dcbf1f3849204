import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { ScriptedModel } from "../testing/scripted-model.js";

describe("BaseModel.prompt", () => {
  const messages = [{ role: "user" as const, content: "Hello" }];

  it("deletes every string of removeStringList from the reply", async () => {
    const model = new ScriptedModel({ replies: ["<|eot|>Hi<|eot|> there</s>"], removeStringList: ["<|eot|>", "</s>"] });
    expect((await model.prompt(messages)).text).toBe("Hi there");
  });

  it("passes stop strings, seed and the token limit to the backend", async () => {
    const model = new ScriptedModel({ replies: ["ok"], maxOutTokens: 42 });
    await model.prompt(messages, { stop: ["\nUser "], seed: 7 });
    await model.prompt(messages, { maxOutTokens: 5 });
    expect(model.calls[0]?.options).toMatchObject({ stop: ["\nUser "], seed: 7, maxOutTokens: 42 });
    expect(model.calls[1]?.options).toMatchObject({ stop: [], maxOutTokens: 5 });
  });

  it("rejects an empty prompt and an aborted signal before calling the backend", async () => {
    const model = new ScriptedModel({ replies: ["ok"] });
    await expect(model.prompt([])).rejects.toThrow(InputError);
    await expect(model.prompt(messages, { signal: AbortSignal.abort(new Error("cancelled")) })).rejects.toThrow(
      "cancelled",
    );
    expect(model.calls).toHaveLength(0);
  });

  it("says by default that it does not hold replies to a responseSchema", () => {
    expect(new ScriptedModel({ replies: ["ok"] }).supportsResponseSchema).toBe(false);
  });

  it("validates its options", () => {
    expect(() => new ScriptedModel({ replies: ["x"], maxOutTokens: 0 })).toThrow("maxOutTokens must be a whole number");
    expect(() => new ScriptedModel({ replies: ["x"], name: " " })).toThrow("a model needs a non-empty name");
  });
});
