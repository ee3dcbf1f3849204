import { describe, expect, it } from "vitest";
import { QueueTurnManager } from "./queue-turn-manager.js";
import { RandomTurnManager } from "./random-turn-manager.js";
import { RespondTurnManager } from "./respond-turn-manager.js";
import type { TurnManager } from "./turn-manager.js";

const names = ["John", "Mary", "Howard", "Todd"];
// chi2.ppf(0.999, 3) = 16.266: `python3 -c "from scipy.stats import chi2; print(chi2.ppf(0.999, 3))"`.
const CHI2_3_DF_0_999 = 16.266;

/** Pearson's chi-square statistic of counts against a uniform expectation. */
function chiSquareUniform(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

/** How often each name speaks first over many seeds. */
function firstSpeakerCounts(make: (seed: number) => TurnManager, seeds = 4000): number[] {
  const counts = names.map(() => 0);
  for (let seed = 0; seed < seeds; seed++) {
    const index = names.indexOf(make(seed).nextName());
    counts[index] = (counts[index] as number) + 1;
  }
  return counts;
}

/** The share of turns (from the third) whose speaker is the second-to-last one, and the repeats in a row. */
function replyShare(order: readonly string[]): { share: number; repeats: number } {
  let replies = 0;
  let repeats = 0;
  for (let i = 1; i < order.length; i++) {
    if (order[i] === order[i - 1]) repeats++;
    if (i >= 2 && order[i] === order[i - 2]) replies++;
  }
  return { share: replies / (order.length - 2), repeats };
}

describe("QueueTurnManager", () => {
  it("goes round in list order from the first participant by default", () => {
    expect(new QueueTurnManager({ names }).take(6)).toEqual([...names, "John", "Mary"]);
  });

  it("with randomizeFirstSpeaker starts at a uniformly drawn participant and keeps the list order", () => {
    const counts = firstSpeakerCounts((seed) => new QueueTurnManager({ names, randomizeFirstSpeaker: true, seed }));
    expect(chiSquareUniform(counts)).toBeLessThan(CHI2_3_DF_0_999);
    const order = new QueueTurnManager({ names, randomizeFirstSpeaker: true, seed: 3 }).take(8);
    const start = names.indexOf(order[0] as string);
    expect(order).toEqual(Array.from({ length: 8 }, (_, i) => names[(start + i) % names.length]));
    expect(new QueueTurnManager({ names, randomizeFirstSpeaker: true, seed: 3 }).take(8)).toEqual(order);
  });

  it("describes and clones itself", () => {
    const copy = new QueueTurnManager({ randomizeFirstSpeaker: true, seed: 1 }).clone(4);
    expect(copy.describe()).toEqual({ type: "queue", randomize_first_speaker: true, seed: 4 });
  });
});

describe("RespondTurnManager", () => {
  it("with pRespond 0.4 over 10,000 turns: the second-to-last speaker answers 0.4 + 0.6/3 = 0.6 of the time, and nobody speaks twice in a row", () => {
    const order = new RespondTurnManager({ names, pRespond: 0.4, seed: 2024 }).take(10_000);
    const { share, repeats } = replyShare(order);
    expect(repeats).toBe(0);
    // A reply back (0.4), or the uniform draw among the 3 others happens to name the second-to-last (0.6 × 1/3).
    // Standard error sqrt(0.6 × 0.4 / 9,998) = 0.0049; four of them:
    expect(Math.abs(share - 0.6)).toBeLessThan(0.0196);
  });

  it("with pRespond 0 the second-to-last speaker comes back only by the uniform draw (1/3)", () => {
    const { share, repeats } = replyShare(new RespondTurnManager({ names, pRespond: 0, seed: 7 }).take(10_000));
    expect(repeats).toBe(0);
    // Standard error sqrt((1/3)(2/3) / 9,998) = 0.0047; four of them:
    expect(Math.abs(share - 1 / 3)).toBeLessThan(0.0189);
  });

  it("draws the first speaker uniformly, and the second uniformly among the others", () => {
    const first = firstSpeakerCounts((seed) => new RespondTurnManager({ names, seed }));
    expect(chiSquareUniform(first)).toBeLessThan(CHI2_3_DF_0_999);
    const secondAfterJohn = names.map(() => 0);
    for (let seed = 0; seed < 12_000; seed++) {
      const [a, b] = new RespondTurnManager({ names, seed }).take(2);
      const index = names.indexOf(b as string);
      if (a === "John") secondAfterJohn[index] = (secondAfterJohn[index] ?? 0) + 1;
    }
    expect(secondAfterJohn[0]).toBe(0);
    expect(chiSquareUniform(secondAfterJohn.slice(1))).toBeLessThan(13.816); // chi2.ppf(0.999, 2)
  });

  it("defaults to pRespond 0.5 and describes itself under 2.2's name", () => {
    const manager = new RespondTurnManager({ seed: 1 });
    expect(manager.describe()).toEqual({ type: "respond", p_respond: 0.5, seed: 1 });
    expect(manager.clone(2).describe()).toEqual({ type: "respond", p_respond: 0.5, seed: 2 });
    expect(() => new RespondTurnManager({ pRespond: 2 })).toThrow("pRespond must be a probability");
  });
});

describe("RandomTurnManager avoidLastSpeaker", () => {
  it("never repeats the last speaker and draws uniformly among the others", () => {
    const order = new RandomTurnManager({ names, seed: 99, avoidLastSpeaker: true }).take(10_000);
    const { share, repeats } = replyShare(order);
    expect(repeats).toBe(0);
    expect(Math.abs(share - 1 / 3)).toBeLessThan(0.0189);
    const counts = names.map((name) => order.filter((each) => each === name).length);
    expect(chiSquareUniform(counts)).toBeLessThan(CHI2_3_DF_0_999);
  });

  it("keeps today's behaviour by default: the last speaker may speak again, a quarter of the time with four", () => {
    const { share, repeats } = replyShare(new RandomTurnManager({ names, seed: 99 }).take(10_000));
    // Standard error sqrt(0.25 × 0.75 / 9,999) = 0.0043; four of them:
    expect(Math.abs(repeats / 9_999 - 0.25)).toBeLessThan(0.0174);
    expect(share).toBeGreaterThan(0);
    expect(new RandomTurnManager({ seed: 1, avoidLastSpeaker: true }).clone(5).describe()).toEqual({
      type: "random",
      avoid_last_speaker: true,
      seed: 5,
    });
  });
});
