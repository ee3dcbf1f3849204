import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { entries, freshDir, jsonFiles, participantPool, promptEchoModel } from "../../test/experiment-helpers.js";
import { loggingSetup } from "../logging/logging-setup.js";
import { DiscussionExperiment } from "./discussion-experiment.js";
import { ExperimentInterruptedError } from "./interrupted-error.js";
import { Journal, type JournalEntry, readJournal } from "./journal.js";
import { statePaths } from "./state-paths.js";

function experiment() {
  return new DiscussionExperiment({
    users: participantPool(promptEchoModel({ latencyMs: 5 })),
    numDiscussions: 4,
    numTurns: 2,
    seed: 3,
  });
}

/** Makes the journal's lines of one kind fail as `writeSync` does on a full disk; the others are written. */
function failJournalLines(event: JournalEntry["event"]): void {
  const append = Journal.prototype.append;
  vi.spyOn(Journal.prototype, "append").mockImplementation(function (this: Journal, entry: JournalEntry) {
    if (entry.event === event) {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 });
    }
    append.call(this, entry);
  });
}

beforeAll(async () => {
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an experiment whose journal cannot be written", () => {
  it("stops before any unit and says why when the first line cannot be written", async () => {
    const outputDir = await freshDir();
    failJournalLines("experiment-started");
    const run = experiment().begin({ outputDir, handleSignals: false });
    await expect(run).rejects.toThrow(ExperimentInterruptedError);
    await expect(run).rejects.toThrow(
      `The experiment was interrupted (the run journal ${statePaths(outputDir).journalFile} could not be written: ENOSPC: no space left on device, write): 0 of 4 discussions are done`,
    );
    expect(await jsonFiles(outputDir)).toEqual([]);
    expect(await entries(statePaths(outputDir).stateDir)).not.toContain("lock");
  });

  it("stops cleanly when it fails after a unit was saved, keeps that unit, and a rerun finishes", async () => {
    const outputDir = await freshDir();
    // Before the fix, this line's failure was an unhandled rejection that crashed the process.
    failJournalLines("unit-finished");
    const run = experiment().begin({ outputDir, handleSignals: false });
    await expect(run).rejects.toThrow(
      /could not be written: ENOSPC: no space left on device, write\): [123] of 4 discussions/,
    );
    const { summary } = (await run.catch((caught: unknown) => caught)) as ExperimentInterruptedError;
    expect(summary).toMatchObject({ total: 4, interrupted: true, failed: [] });
    // The unit whose line failed is saved, and so is any other whose model work was done (finished work is kept).
    expect(await jsonFiles(outputDir)).toHaveLength(summary.finished);
    expect(await entries(statePaths(outputDir).stateDir)).not.toContain("lock");

    vi.restoreAllMocks();
    const rerun = await experiment().begin({ outputDir, handleSignals: false });
    expect(rerun).toMatchObject({ finished: 4, alreadyDone: summary.finished, failed: [] });
    const events = (await readJournal(statePaths(outputDir).journalFile)).map((record) => record.event);
    // The unit saved while the journal failed is found by the rerun.
    expect(events.filter((event) => event === "unit-found")).toHaveLength(summary.finished);
  });
});
