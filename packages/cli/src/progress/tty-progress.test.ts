import { PassThrough } from "node:stream";
import type { ExperimentEvent } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { createProgress } from "./create-progress.js";
import { PlainProgress } from "./plain-progress.js";
import { SilentProgress } from "./reporter.js";
import { TtyProgress } from "./tty-progress.js";

/** A stream that says it is a terminal, and keeps what is drawn on it. */
function fakeTerminal(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 120;
  let drawn = "";
  stream.on("data", (chunk: Buffer) => {
    drawn += chunk.toString();
  });
  return { stream: stream as unknown as NodeJS.WriteStream, drawn: () => drawn };
}

describe("TtyProgress", () => {
  it("draws a bar with units done, turns, failures and tokens per second", () => {
    const terminal = fakeTerminal(true);
    const progress = new TtyProgress("discussions", terminal.stream);
    const events = [
      { type: "experiment-started", total: 4, alreadyDone: 1, toRun: 3 },
      { type: "unit-started", unitId: "a" },
      { type: "turn", unitId: "a", name: "Emma35", completionTokens: 20 },
      { type: "unit-finished", unitId: "a", file: "a.json", promptTokens: 5, completionTokens: 20, durationMs: 100 },
      { type: "unit-failed", unitId: "b", error: new Error("boom") },
    ] as unknown as ExperimentEvent[];
    for (const event of events) progress.onEvent(event);
    progress.stop();
    const text = terminal.drawn();
    expect(text).toMatch(/discussions\s+\|[█░]+\| 3\/4 \| 1 turns \| 1 failed \| \d+ tok\/s/);
  });
});

describe("createProgress", () => {
  it("picks bars on a terminal, lines elsewhere, and nothing when quiet", () => {
    expect(createProgress("x", { quiet: false, stream: fakeTerminal(true).stream })).toBeInstanceOf(TtyProgress);
    expect(createProgress("x", { quiet: false, stream: fakeTerminal(false).stream })).toBeInstanceOf(PlainProgress);
    expect(createProgress("x", { quiet: true, stream: fakeTerminal(true).stream })).toBeInstanceOf(SilentProgress);
  });
});
