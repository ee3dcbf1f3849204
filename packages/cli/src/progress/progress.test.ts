import type { ExperimentEvent } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { formatDuration, tokensPerSecond } from "./format.js";
import { PlainProgress } from "./plain-progress.js";
import { ProgressTracker } from "./progress-tracker.js";

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const summary = {
  total: 3,
  finished: 1,
  alreadyDone: 1,
  failed: [{ unitId: "d-2", error: new Error("model crashed") }],
  interrupted: false,
  outputDir: "/out",
  journalPath: "/out/journal",
  promptTokens: 10,
  completionTokens: 40,
  durationMs: 2000,
};

/** A resumed run of three units: one done before, one finishes, one fails. */
const EVENTS = [
  { type: "experiment-started", total: 3, alreadyDone: 1, toRun: 2 },
  { type: "unit-started", unitId: "d-1" },
  { type: "unit-started", unitId: "d-2" },
  { type: "turn", unitId: "d-1", name: "Emma35", completionTokens: 25 },
  { type: "turn", unitId: "d-1", name: "Giannis", completionTokens: 15 },
  {
    type: "unit-finished",
    unitId: "d-1",
    file: "/out/d-1.json",
    promptTokens: 10,
    completionTokens: 40,
    durationMs: 500,
  },
  { type: "unit-failed", unitId: "d-2", error: new Error("model crashed") },
  { type: "experiment-finished", summary },
] as unknown as ExperimentEvent[];

describe("formatDuration", () => {
  it("picks a unit that people read at a glance", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_340)).toBe("12.3 s");
    expect(formatDuration(245_000)).toBe("4 min 05 s");
    expect(formatDuration(3_720_000)).toBe("1 h 02 min");
  });
});

describe("tokensPerSecond", () => {
  it("divides tokens by seconds and survives an empty span", () => {
    expect(tokensPerSecond(500, 2000)).toBe(250);
    expect(tokensPerSecond(500, 0)).toBe(0);
  });
});

describe("ProgressTracker", () => {
  it("counts units, turns, failures and the token rate from events", () => {
    const clock = manualClock();
    const tracker = new ProgressTracker("discussions", clock.now);
    const [started, unitA, unitB, turn1, turn2, finished, failed] = EVENTS as ExperimentEvent[];
    tracker.handle(started as ExperimentEvent);
    tracker.handle(unitA as ExperimentEvent);
    tracker.handle(unitB as ExperimentEvent);
    expect(tracker.snapshot()).toMatchObject({ total: 3, alreadyDone: 1, done: 1, running: 2, failed: 0 });
    clock.advance(1000);
    tracker.handle(turn1 as ExperimentEvent);
    tracker.handle(turn2 as ExperimentEvent);
    tracker.handle(finished as ExperimentEvent);
    tracker.handle(failed as ExperimentEvent);
    expect(tracker.snapshot()).toMatchObject({
      done: 2,
      failed: 1,
      running: 0,
      turns: 2,
      completionTokens: 40,
      tokensPerSecond: 40,
      elapsedMs: 1000,
    });
  });
});

describe("PlainProgress", () => {
  it("writes one line for the start, each finished or failed unit, and the end", () => {
    const clock = manualClock();
    const lines: string[] = [];
    const progress = new PlainProgress("discussions", { write: (text: string) => lines.push(text) }, clock.now);
    for (const event of EVENTS) {
      clock.advance(250);
      progress.onEvent(event);
    }
    expect(lines).toEqual([
      "discussions: 3 planned, 1 already done, 2 to run\n",
      "discussions: 2/3 done (d-1 in 500 ms, 80 tok/s)\n",
      "discussions: d-2 failed: model crashed\n",
      "discussions: 2/3 done, 1 failed, 40 tokens in 1.8 s (23 tok/s)\n",
    ]);
  });
});

describe("ProgressTracker token counts", () => {
  it("takes a unit's total when its turns carry no token counts", () => {
    const tracker = new ProgressTracker("annotations", () => 0);
    const events = [
      { type: "experiment-started", total: 1, alreadyDone: 0, toRun: 1 },
      { type: "turn", unitId: "a", name: "Annotator1" },
      { type: "turn", unitId: "a", name: "Annotator1", completionTokens: 2 },
      { type: "unit-finished", unitId: "a", file: "a.json", promptTokens: 9, completionTokens: 6, durationMs: 10 },
    ] as unknown as ExperimentEvent[];
    for (const event of events) tracker.handle(event);
    expect(tracker.snapshot()).toMatchObject({ turns: 2, completionTokens: 6, done: 1 });
  });
});
