import { randomUUID } from "node:crypto";
import { InputError } from "../errors.js";
import { getLogger } from "../logging/logger.js";
import type { ExperimentRunOptions, ExperimentSummary } from "./events.js";
import type { ExperimentSetup } from "./experiment-setup.js";
import { findFinishedUnits, journaledUnits } from "./finished-units.js";
import { Journal } from "./journal.js";
import { openOutputFolder, removeTemporaryFiles } from "./output-folder.js";
import { readPlanFile, recordPlan } from "./plan-file.js";
import { RunState } from "./run-state.js";
import { unitOutputFile } from "./state-paths.js";

export type { ExperimentSetup, SaveUnit, TurnReport, UnitContext } from "./experiment-setup.js";

const logger = getLogger("experiment");

/**
 * Runs the units of a plan into an output folder: takes the folder's lock, records or checks the plan,
 * skips units whose output file already exists, runs the rest `concurrency` at once, journals every step,
 * reports progress, and stops cleanly on interruption or when the journal cannot be written.
 *
 * `concurrency` limits the units doing model work. A unit that has finished it frees its slot while its file
 * is written, so that a fast model is not held back by the disk; one such write per slot may be pending.
 *
 * @throws {@link ExperimentInterruptedError} when stopped (or the journal failed) before every unit ran.
 */
export async function runExperiment<Unit extends { id: string }>(
  setup: ExperimentSetup<Unit>,
  options: ExperimentRunOptions,
): Promise<ExperimentSummary> {
  const startedAt = performance.now();
  const folder = await openOutputFolder(options.outputDir);
  try {
    const stored = await readPlanFile(folder.planFile);
    const identity = setup.identify(stored);
    await recordPlan(folder.planFile, folder.outputDir, stored, identity);
    const removedTemporaryFiles = await removeTemporaryFiles(folder.outputDir);
    const units = () => take(setup.units(identity), options.maxUnits ?? Number.POSITIVE_INFINITY);
    const { done, total } = await findFinishedUnits(folder.outputDir, units(), setup.checkOutput);
    const journaled = await journaledUnits(folder.journalFile);
    const journal = openJournal(folder.journalFile);
    try {
      const toRun = total - done.size;
      const run = new RunState(setup, folder, journal, options, total, done.size);
      run.record({
        event: "experiment-started",
        pid: process.pid,
        fingerprint: identity.fingerprint,
        format: setup.format,
        total,
        alreadyDone: done.size,
        toRun,
        removedTemporaryFiles,
      });
      // A process killed between writing a file and journaling it leaves a file the journal does not know.
      for (const unit of done) {
        if (journaled.has(unit)) continue;
        run.record({ event: "unit-found", unit, file: unitOutputFile(folder.outputDir, unit) });
      }
      logger.info({ outputDir: folder.outputDir, total, alreadyDone: done.size, toRun }, "experiment started");
      run.emit({ type: "experiment-started", total, alreadyDone: done.size, toRun });
      return await run.execute(
        filter(units(), (unit) => !done.has(unit.id)),
        startedAt,
      );
    } finally {
      journal.close();
    }
  } finally {
    await folder.release();
  }
}

/** @throws {@link InputError} naming the journal when it cannot be opened; nothing has run yet. */
function openJournal(journalFile: string): Journal {
  try {
    return Journal.open(journalFile, randomUUID());
  } catch (error) {
    throw new InputError(`cannot open the run journal (${(error as Error).message})`, {
      file: journalFile,
      fix: "Free space on its disk or fix its permissions, then run the experiment again",
    });
  }
}

function* take<T>(items: Iterable<T>, count: number): Iterable<T> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of items) {
    yield item;
    if (++taken >= count) return;
  }
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Iterable<T> {
  for (const item of items) if (keep(item)) yield item;
}
