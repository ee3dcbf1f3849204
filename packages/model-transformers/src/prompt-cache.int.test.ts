import { haveTestModels, modelPath } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransformersModel } from "./transformers-model.js";

const STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.";
const user = (content: string) => [{ role: "user" as const, content }];

/** Two conversations whose prompts grow turn by turn, as an actor's prompts do. */
const TURNS = [
  { sessionKey: "lily", prompt: STORY },
  { sessionKey: "tom", prompt: "Tom had a big red ball." },
  { sessionKey: "lily", prompt: `${STORY} One day, she saw a big dog.` },
  { sessionKey: "tom", prompt: "Tom had a big red ball. He threw it high." },
  { sessionKey: "lily", prompt: `${STORY} One day, she saw a cat.` },
];

const load = (name: string, promptCacheMB: number) =>
  TransformersModel.load({
    modelPath: modelPath("stories260K-onnx"),
    name,
    maxOutTokens: 20,
    chatTemplate: "raw",
    promptCacheMB,
  });

describe.skipIf(!haveTestModels())("the prompt cache on stories260K-onnx", () => {
  let cached: TransformersModel;
  let uncached: TransformersModel;

  beforeAll(async () => {
    [cached, uncached] = await Promise.all([load("cached", 16), load("uncached", 0)]);
  });
  afterAll(async () => {
    await Promise.all([cached.dispose(), uncached.dispose()]);
  });

  it("evaluates only what follows the part of a session's last prompt that the new one shares", async () => {
    const replies = [];
    for (const { sessionKey, prompt } of TURNS) replies.push(await cached.prompt(user(prompt), { sessionKey }));
    const evaluated = replies.map((reply) => reply.evaluatedPromptTokens);
    const whole = replies.map((reply) => reply.promptTokens ?? 0);
    // First prompts of a session are evaluated whole; later ones only past their session's shared beginning.
    expect(evaluated[0]).toBe(whole[0]);
    expect(evaluated[1]).toBe(whole[1]);
    for (const turn of [2, 3, 4]) expect(evaluated[turn]).toBeLessThan(whole[turn] ?? 0);
    // Lily's second prompt is her first plus a short sentence: most of it comes from the cache.
    expect(evaluated[2]).toBeLessThan((whole[2] ?? 0) / 3);
    // The cache holds a prompt but its last token (which generation evaluates): Lily's second prompt gets all
    // of her first but that; her third shares more with her second (up to "she saw a") than that.
    expect((whole[2] ?? 0) - (evaluated[2] ?? 0)).toBe((whole[0] ?? 0) - 1);
    expect((whole[4] ?? 0) - (evaluated[4] ?? 0)).toBeGreaterThan((whole[2] ?? 0) - (evaluated[2] ?? 0));
    expect((whole[4] ?? 0) - (evaluated[4] ?? 0)).toBeLessThan((whole[2] ?? 0) - 1);
  });

  it("gives the same replies as without the cache, one by one and in a batch", async () => {
    const alone = [];
    for (const { prompt } of TURNS) alone.push((await uncached.prompt(user(prompt))).text);
    const oneByOne = [];
    for (const { sessionKey, prompt } of TURNS) oneByOne.push((await cached.prompt(user(prompt), { sessionKey })).text);
    const batched = await Promise.all(
      TURNS.map(({ sessionKey, prompt }) => cached.prompt(user(prompt), { sessionKey })),
    );

    expect(oneByOne).toEqual(alone);
    expect(batched.map((reply) => reply.text)).toEqual(alone);
    expect(new Set(alone).size).toBeGreaterThan(2);
  });

  it("evaluates every prompt whole without the cache, and reports it", async () => {
    await uncached.prompt(user(STORY), { sessionKey: "lily" });
    const again = await uncached.prompt(user(STORY), { sessionKey: "lily" });
    expect(again.evaluatedPromptTokens).toBe(again.promptTokens);
  });
});
