import type { BatchItem, EvaluationPriority, Token } from "node-llama-cpp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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

describe("BatchGathering's dispatch schedule", () => {
  // Fake timers: the waits are milliseconds, which a busy machine could let pass between two lines.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const nextTurn = () => vi.advanceTimersByTime(0);

  it("dispatches on the next turn while as many sequences generate as lately", () => {
    const gathering = new BatchGathering();
    gathering.countGeneratingWith(() => 1);
    gathering.callStarted();
    let dispatched = 0;
    gathering.dispatchSchedule(() => dispatched++);
    nextTurn();
    expect(dispatched).toBe(1);
  });

  it("waits for the sequences of the last round to come back, and dispatches when they have", () => {
    const gathering = new BatchGathering();
    let generating = 4;
    gathering.countGeneratingWith(() => generating);
    gathering.callStarted();
    // A round ends; one client comes back before the others.
    for (let ended = 0; ended < 4; ended++) gathering.callEnded();
    generating = 1;
    gathering.callStarted();
    let dispatched = 0;
    gathering.dispatchSchedule(() => dispatched++);
    nextTurn();
    expect(dispatched).toBe(0);
    vi.advanceTimersByTime(1);
    generating = 3;
    gathering.callStarted();
    nextTurn();
    expect(dispatched).toBe(0);
    generating = 4;
    gathering.callStarted();
    nextTurn();
    expect(dispatched).toBe(1);
    // Nothing is dispatched twice.
    vi.advanceTimersByTime(1000);
    expect(dispatched).toBe(1);
  });

  it("stops waiting for a sequence that does not come back, and then expects fewer", () => {
    const gathering = new BatchGathering();
    let generating = 2;
    gathering.countGeneratingWith(() => generating);
    gathering.callStarted();
    gathering.callEnded();
    generating = 1;
    let dispatched = 0;
    gathering.dispatchSchedule(() => dispatched++);
    nextTurn();
    expect(dispatched).toBe(0);
    // At most 100 ms, however long clients took lately.
    vi.advanceTimersByTime(100);
    expect(dispatched).toBe(1);
    // One sequence is what generates now: the next round goes at once.
    gathering.dispatchSchedule(() => dispatched++);
    nextTurn();
    expect(dispatched).toBe(2);
  });

  it("waits longer for clients that lately took longer to come back", () => {
    const waitFor = (returnMs: number): number => {
      const gathering = new BatchGathering();
      let generating = 2;
      gathering.countGeneratingWith(() => generating);
      for (let round = 0; round < 20; round++) {
        gathering.callEnded();
        vi.advanceTimersByTime(returnMs);
        gathering.callStarted();
      }
      gathering.callEnded();
      generating = 1;
      let dispatched = 0;
      gathering.dispatchSchedule(() => dispatched++);
      let waited = 0;
      while (dispatched === 0) {
        vi.advanceTimersByTime(1);
        waited++;
      }
      return waited;
    };
    expect(waitFor(1)).toBeLessThanOrEqual(6);
    expect(waitFor(10)).toBeGreaterThan(30);
    expect(waitFor(10)).toBeLessThanOrEqual(41);
  });

  it("dispatches a waiting round at once when closed, so that no queued call is left waiting", () => {
    const gathering = new BatchGathering();
    let generating = 2;
    gathering.countGeneratingWith(() => generating);
    gathering.callStarted();
    generating = 1;
    let dispatched = 0;
    gathering.dispatchSchedule(() => dispatched++);
    gathering.close();
    nextTurn();
    expect(dispatched).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(dispatched).toBe(1);
  });

  it("counts the sequences of every batch it lets go", () => {
    const gathering = new BatchGathering();
    gathering.countGeneratingWith(() => 2);
    gathering.strategy({ items: [item(1), item(1)], size: 512 });
    gathering.strategy({ items: [item(1), item(30)], size: 512 });
    expect(gathering.statistics).toEqual({ batches: 2, sequences: 4 });
  });
});
