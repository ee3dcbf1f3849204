import type { ExperimentSummary } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { PlainProgress } from "../progress/plain-progress.js";
import { summaryLine } from "./summary-output.js";

const SUMMARY: ExperimentSummary = {
  total: 4,
  finished: 4,
  alreadyDone: 0,
  failed: [],
  interrupted: false,
  outputDir: "out/annotations",
  journalPath: "out/annotations/.syndisco/journal.jsonl",
  promptTokens: 4000,
  completionTokens: 300,
  durationMs: 8100,
};

describe("prompt tokens evaluated per annotated comment", () => {
  it("are in the summary line when the backend reported them, and left out when it did not", () => {
    const promptEvaluation = {
      turns: 36,
      promptTokens: 11_592,
      evaluatedTokens: 3_456,
      evaluatedPerTurn: 96,
      evaluatedShare: 3_456 / 11_592,
    };
    expect(summaryLine("Annotations", { ...SUMMARY, promptEvaluation })).toBe(
      "Annotations: 4/4 done, 0 failed, in 8.1 s, 96 prompt tokens evaluated per annotated comment (30% of the prompts) → out/annotations",
    );
    expect(summaryLine("Annotations", SUMMARY)).toBe("Annotations: 4/4 done, 0 failed, in 8.1 s → out/annotations");
  });

  it("are in the progress line of each finished annotation", () => {
    const lines: string[] = [];
    const progress = new PlainProgress("annotations", { write: (text: string) => lines.push(text) }, () => 0);
    progress.onEvent({ type: "experiment-started", total: 1, alreadyDone: 0, toRun: 1 });
    progress.onEvent({
      type: "unit-finished",
      unitId: "a-1",
      file: "a-1.json",
      promptTokens: 900,
      completionTokens: 80,
      promptEvaluation: { turns: 9, promptTokens: 900, evaluatedTokens: 27, evaluatedPerTurn: 3, evaluatedShare: 0.03 },
      durationMs: 2000,
    });
    expect(lines[1]).toBe(
      "annotations: 1/1 done (a-1 in 2.0 s, 40 tok/s, 3.0 prompt tokens evaluated per annotated comment)\n",
    );
  });
});
