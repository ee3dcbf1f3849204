import { describe, expect, it } from "vitest";
import { firstStopIndex, RowTracker } from "./row-tracker.js";

const EOS = 2;
// A toy vocabulary: token n decodes to VOCAB[n]; 2 is the end-of-sequence token and decodes to nothing.
const VOCAB = ["", "<s>", "", " Hello", ",", " world", ".", "\n", "User", " Bob", "é"];
const decode = (ids: readonly number[]) => ids.map((id) => VOCAB[id] ?? "").join("");

/** Feeds a tracker one token at a time, as generation does, and returns how many steps it took to finish. */
function feed(tracker: RowTracker, tokens: readonly number[]): { steps: number; generated: number[] } {
  const generated: number[] = [];
  for (const token of tokens) {
    generated.push(token);
    if (tracker.observe(generated)) return { steps: generated.length, generated };
  }
  return { steps: generated.length, generated };
}

describe("RowTracker", () => {
  it("finishes at its own token limit with finish reason length", () => {
    const tracker = new RowTracker({ maxNewTokens: 3, stop: [] }, new Set([EOS]), decode);
    const { steps, generated } = feed(tracker, [3, 4, 5, 6, 6]);
    expect(steps).toBe(3);
    expect(tracker.outcome([...generated, 6, 6])).toEqual({
      text: " Hello, world",
      completionTokens: 3,
      finishReason: "length",
    });
  });

  it("finishes at the end-of-sequence token, which counts but adds no text", () => {
    const tracker = new RowTracker({ maxNewTokens: 10, stop: [] }, new Set([EOS]), decode);
    const { steps, generated } = feed(tracker, [3, 6, EOS, 5, 5]);
    expect(steps).toBe(3);
    expect(tracker.outcome(generated)).toEqual({ text: " Hello.", completionTokens: 3, finishReason: "stop" });
  });

  it("finishes as soon as a stop string appears and cuts the reply before it", () => {
    const tracker = new RowTracker({ maxNewTokens: 10, stop: ["\nUser ", "###"] }, new Set([EOS]), decode);
    const { steps, generated } = feed(tracker, [3, 6, 7, 8, 9, 6, 6]);
    // "\nUser " is complete once " Bob" (which brings the space) is generated: the 5th token.
    expect(steps).toBe(5);
    expect(tracker.outcome(generated)).toEqual({ text: " Hello.", completionTokens: 5, finishReason: "stop" });
  });

  it("prefers stop over length when both happen on the same token", () => {
    const tracker = new RowTracker({ maxNewTokens: 2, stop: ["."] }, new Set([EOS]), decode);
    const { generated } = feed(tracker, [3, 6]);
    expect(tracker.outcome(generated)).toEqual({ text: " Hello", completionTokens: 2, finishReason: "stop" });
  });

  it("ignores tokens generated after it finished", () => {
    const tracker = new RowTracker({ maxNewTokens: 2, stop: [] }, new Set([EOS]), decode);
    feed(tracker, [3, 4]);
    expect(tracker.done).toBe(true);
    expect(tracker.observe([3, 4, 5, 6])).toBe(true);
    expect(tracker.outcome([3, 4, 5, 6]).text).toBe(" Hello,");
  });

  it("finishes when its signal aborts", () => {
    const controller = new AbortController();
    const tracker = new RowTracker({ maxNewTokens: 10, stop: [], signal: controller.signal }, new Set([EOS]), decode);
    expect(tracker.observe([3])).toBe(false);
    controller.abort();
    expect(tracker.observe([3, 4])).toBe(true);
  });

  it("drops a character left incomplete by the token limit", () => {
    const broken = (ids: readonly number[]) => `${decode(ids)}\uFFFD`;
    const tracker = new RowTracker({ maxNewTokens: 1, stop: [] }, new Set([EOS]), broken);
    feed(tracker, [3]);
    expect(tracker.outcome([3]).text).toBe(" Hello");
  });
});

describe("firstStopIndex", () => {
  it("finds the earliest of several stop strings and ignores empty ones", () => {
    expect(firstStopIndex("a###b\nUser c", ["\nUser ", "###", ""])).toBe(1);
    expect(firstStopIndex("nothing here", ["###"])).toBe(-1);
    expect(firstStopIndex("text", [])).toBe(-1);
  });
});
