import { haveTestModels, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

const PROMPT = "Once upon a time";
const STORY = [{ role: "user" as const, content: PROMPT }];
/** The documented greedy continuation, without the prompt. */
const GREEDY_CONTINUATION = STORIES_GREEDY_TEXT.slice(PROMPT.length);

describe.skipIf(!haveTestModels())("LlamaCppModel on stories260K.gguf", () => {
  let model: LlamaCppModel;

  beforeAll(async () => {
    model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", parallel: 2 });
  });
  afterAll(async () => {
    await model.dispose();
  });

  it("reproduces the documented greedy completion, with token counts", async () => {
    const reply = await model.prompt(STORY);
    expect(`${PROMPT}${reply.text}`).toBe(STORIES_GREEDY_TEXT);
    // "Once upon a time" is 4 tokens of this vocabulary (with SentencePiece's leading space), after the
    // beginning-of-text token: 5, as transformers.js counts it too.
    expect(reply).toMatchObject({ promptTokens: 5, completionTokens: 50, finishReason: "length" });
    expect(model.contextSize).toBe(2048);
    expect(model.concurrency).toBe(2);
    expect(model.gpu).toBe(false);
  });

  it("stops at a stop string, leaving it out of the reply", async () => {
    const reply = await model.prompt(STORY, { stop: ["park"] });
    const beforePark = GREEDY_CONTINUATION.slice(0, GREEDY_CONTINUATION.indexOf("park"));
    // The stop string starts inside the token " park", and node-llama-cpp drops that whole token.
    expect(reply.text).toBe(beforePark.trimEnd());
    expect(reply.finishReason).toBe("stop");
    expect(reply.completionTokens).toBeLessThan(50);
  });

  it("honours a per-call maxOutTokens", async () => {
    const reply = await model.prompt(STORY, { maxOutTokens: 5 });
    expect(reply.completionTokens).toBe(5);
    expect(reply.finishReason).toBe("length");
    expect(GREEDY_CONTINUATION.startsWith(reply.text)).toBe(true);
  });

  it("evaluates only the new end of a prompt whose session still holds its sequence", async () => {
    // Two sessions on two sequences; a third, unrelated call in between would take the idlest sequence.
    const first = await model.prompt([{ role: "user", content: "Lily had a red ball" }], { sessionKey: "lily" });
    await model.prompt([{ role: "user", content: "Tom liked to run" }], { sessionKey: "tom" });
    const continued = await model.prompt([{ role: "user", content: "Lily had a red ball" }], {
      sessionKey: "lily",
    });
    // The sequence may still hold the beginning-of-text token from an earlier test.
    expect(first.evaluatedPromptTokens).toBeGreaterThanOrEqual((first.promptTokens ?? 0) - 1);
    expect(continued.promptTokens).toBe(first.promptTokens);
    // Only the last prompt token is decoded again, to get the logits of the first reply token.
    expect(continued.evaluatedPromptTokens).toBe(1);
    expect(continued.text).toBe(first.text);
  });

  it("samples reproducibly for a seed", async () => {
    const sampling = { temperature: 0.9, topK: 40, topP: 0.95 };
    const sampled = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", maxOutTokens: 30, ...sampling });
    try {
      const a = await sampled.prompt(STORY, { seed: 1 });
      const again = await sampled.prompt(STORY, { seed: 1 });
      const others = await Promise.all([2, 3, 4].map((seed) => sampled.prompt(STORY, { seed })));
      expect(again.text).toBe(a.text);
      expect(new Set([a.text, ...others.map((reply) => reply.text)]).size).toBeGreaterThan(1);
    } finally {
      await sampled.dispose();
    }
  });

  it("aborts a running generation with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the test");
    const running = model.prompt(STORY, { signal: controller.signal, maxOutTokens: 1500 });
    setTimeout(() => controller.abort(reason), 20);
    await expect(running).rejects.toBe(reason);
    // The sequence is free again and still works.
    expect(`${PROMPT}${(await model.prompt(STORY)).text}`).toBe(STORIES_GREEDY_TEXT);
  });

  it("renders the raw format as the messages' contents", () => {
    expect(model.promptFormat).toBe("raw");
    expect(
      model.renderPrompt([
        { role: "system", content: "A" },
        { role: "user", content: "B" },
      ]),
    ).toBe("A\nB");
  });
});

describe.skipIf(!haveTestModels())("LlamaCppModel's queue", () => {
  it("serves at most `parallel` calls at once and queues the rest, with unchanged greedy replies", async () => {
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", parallel: 2, maxOutTokens: 120 });
    try {
      const alone = await model.prompt(STORY);
      let mostActive = 0;
      let mostQueued = 0;
      const watch = setInterval(() => {
        mostActive = Math.max(mostActive, model.activeCalls);
        mostQueued = Math.max(mostQueued, model.queuedCalls);
      }, 1);
      const replies = await Promise.all(Array.from({ length: 5 }, () => model.prompt(STORY)));
      clearInterval(watch);
      expect(mostActive).toBe(2);
      expect(mostQueued).toBeGreaterThanOrEqual(1);
      for (const reply of replies) expect(reply.text).toBe(alone.text);
      expect(model.activeCalls).toBe(0);
    } finally {
      await model.dispose();
    }
  });

  it("rejects running and waiting calls on dispose, and every call after it", async () => {
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", maxOutTokens: 1500 });
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => "finished",
        (error: Error) => error.message,
      );
    const running = outcome(model.prompt(STORY));
    const waiting = outcome(model.prompt(STORY));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await model.dispose();
    expect(await running).toBe('the model "stories260K" was disposed');
    expect(await waiting).toBe('the model "stories260K" was disposed');
    await expect(model.prompt(STORY)).rejects.toThrow("was disposed; load it again");
    await expect(model.dispose()).resolves.toBeUndefined();
  });
});
