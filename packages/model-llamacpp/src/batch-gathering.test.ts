import type { BatchItem, EvaluationPriority, Token } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { BatchGathering, shareBatch } from "./batch-gathering.js";

const item = (tokens: number, evaluationPriority: EvaluationPriority = 5): BatchItem => ({
  tokens: Array.from({ length: tokens }, (_, index) => index as Token),
  logits: [],
  evaluationPriority,
});

describe("shareBatch", () => {
  it("gives every reply its token and shares the rest of the batch among the prompts", () => {
    const [reply, shortPrompt, longPrompt] = [item(1), item(10), item(500)];
    const shares = shareBatch([reply, shortPrompt, longPrompt], 100);
    expect(shares.map((share) => [share.item, share.processAmount])).toEqual([
      [reply, 1],
      [shortPrompt, 10],
      [longPrompt, 89],
    ]);
  });

  it("never gives out more than the batch holds, higher priority first when it is short", () => {
    const low = item(3, 1);
    const high = item(3, 5);
    const shares = shareBatch([low, high, item(3, 3)], 2);
    expect(shares.reduce((sum, share) => sum + share.processAmount, 0)).toBe(2);
    expect(shares[0]?.item).toBe(high);
  });
});

describe("BatchGathering", () => {
  it("holds a batch back while fewer sequences are queued than are generating, a bounded number of times", () => {
    const gathering = new BatchGathering();
    let generating = 3;
    gathering.countGeneratingWith(() => generating);
    const one = [item(1)];
    let holds = 0;
    while (gathering.strategy({ items: one, size: 512 }).length === 0) holds++;
    expect(holds).toBeGreaterThan(0);
    expect(holds).toBeLessThanOrEqual(64);
    // Once every generating sequence is queued, the batch goes at once and holds all of them.
    const three = [item(1), item(1), item(1)];
    expect(gathering.strategy({ items: three, size: 512 })).toHaveLength(3);
    generating = 1;
    expect(gathering.strategy({ items: one, size: 512 })).toHaveLength(1);
  });
});
