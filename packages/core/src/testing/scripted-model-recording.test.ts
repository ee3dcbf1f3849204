import { describe, expect, it } from "vitest";
import { ScriptedModel } from "./scripted-model.js";

describe("ScriptedModel recordCalls", () => {
  it("keeps no record when turned off, but still numbers the calls", async () => {
    const model = new ScriptedModel({ replies: (_messages, call) => `reply ${call}`, recordCalls: false });
    const messages = [{ role: "user" as const, content: "hi" }];
    expect((await model.prompt(messages)).text).toBe("reply 0");
    expect((await model.prompt(messages)).text).toBe("reply 1");
    expect(model.calls).toEqual([]);
  });

  it("records every call by default", async () => {
    const model = new ScriptedModel({ replies: ["a", "b"] });
    await model.prompt([{ role: "user", content: "one" }]);
    await model.prompt([{ role: "user", content: "two" }]);
    expect(model.calls.map((call) => call.messages[0]?.content)).toEqual(["one", "two"]);
  });
});
