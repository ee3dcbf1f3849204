import { describe, expect, it } from "vitest";
import { exclusiveGenerator } from "./exclusive-generator.js";
import type { GenerationResult, GenerationSettings, PreparedPrompt, SequenceGenerator } from "./generation.js";

/** A generator whose calls end when the test says so. */
function controlledGenerator() {
  const pending: (() => void)[] = [];
  const result: GenerationResult = { text: "x", evaluatedPromptTokens: 1, completionTokens: 1, hitMaxTokens: false };
  const generator: SequenceGenerator = {
    cachedPrefixLength: () => 3,
    generate: () => new Promise((resolve) => pending.push(() => resolve(result))),
  };
  return { generator, finishNext: () => pending.shift()?.() };
}

const PROMPT = {} as PreparedPrompt;
const SETTINGS = {} as GenerationSettings;

describe("exclusiveGenerator", () => {
  it("refuses a second call on a sequence while it serves one, and takes calls again afterwards", async () => {
    const { generator, finishNext } = controlledGenerator();
    const exclusive = exclusiveGenerator(generator, 2);
    const first = exclusive.generate(PROMPT, SETTINGS);
    await expect(exclusive.generate(PROMPT, SETTINGS)).rejects.toThrow(
      "internal error: sequence 2 was given a second call while serving one",
    );
    finishNext();
    await expect(first).resolves.toMatchObject({ text: "x" });
    const again = exclusive.generate(PROMPT, SETTINGS);
    finishNext();
    await expect(again).resolves.toMatchObject({ text: "x" });
    expect(exclusive.cachedPrefixLength([])).toBe(3);
  });

  it("frees the sequence when a call fails", async () => {
    const failing = exclusiveGenerator(
      { cachedPrefixLength: () => 0, generate: () => Promise.reject(new Error("aborted")) },
      0,
    );
    await expect(failing.generate(PROMPT, SETTINGS)).rejects.toThrow("aborted");
    await expect(failing.generate(PROMPT, SETTINGS)).rejects.toThrow("aborted");
  });
});
