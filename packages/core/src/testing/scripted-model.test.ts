import { describe, expect, it } from "vitest";
import { ScriptedModel } from "./scripted-model.js";

const ask = (model: ScriptedModel) => model.prompt([{ role: "user", content: "two words" }]);

describe("ScriptedModel", () => {
  it("replies from its list in order, then again from the start", async () => {
    const model = new ScriptedModel({ replies: ["a", "b"] });
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push((await ask(model)).text);
    expect(texts).toEqual(["a", "b", "a"]);
  });

  it("counts words as tokens unless a reply gives its own counts", async () => {
    expect(await ask(new ScriptedModel({ replies: ["one two three"] }))).toMatchObject({
      promptTokens: 2,
      completionTokens: 3,
      finishReason: "stop",
    });
    const cut = new ScriptedModel({ replies: [{ text: "x", completionTokens: 9, finishReason: "length" }] });
    expect(await ask(cut)).toMatchObject({ completionTokens: 9, finishReason: "length" });
  });

  it("serves no more calls at once than its concurrency", async () => {
    let running = 0;
    let most = 0;
    const model = new ScriptedModel({
      concurrency: 2,
      replies: async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
        return "done";
      },
    });
    await Promise.all(Array.from({ length: 6 }, () => ask(model)));
    expect(most).toBe(2);
  });

  it("waits its latency and stops waiting when aborted", async () => {
    const model = new ScriptedModel({ replies: ["late"], latencyMs: 10_000 });
    const controller = new AbortController();
    const reply = model.prompt([{ role: "user", content: "?" }], { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(reply).rejects.toThrow("gave up");
  });
});
