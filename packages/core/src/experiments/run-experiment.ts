import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { getLogger } from "../logging/logger.js";
import type { ExperimentEvent, ExperimentRunOptions, ExperimentSummary } from "./events.js";
import { listenForInterrupts } from "./interrupt-signals.js";
import { ExperimentInterruptedError } from "./interrupted-error.js";
import { Journal, readJournal } from "./journal.js";
import { type OutputFolder, openOutputFolder, removeTemporaryFiles } from "./output-folder.js";
import { type PlanIdentity, readPlanFile, recordPlan } from "./plan-file.js";
import { runConcurrently } from "./run-concurrently.js";
import { unitOutputFile } from "./state-paths.js";

const logger = getLogger("experiment");

/** One turn of a unit, as the unit reports it; token counts are left out (or undefined) when unknown. */
export interface TurnReport {
  name: string;
  promptTokens?: number | undefined;
  completionTokens?: number | undefined;
}

/** What a unit gets to do its work. */
export interface UnitContext {
  /** Aborted when the experiment stops; pass it to every model call. */
  signal: AbortSignal;
  /** Where the unit writes its result (atomically, never replacing a file). */
  outputFile: string;
  /** Reports a turn: the runner adds up its tokens and sends a progress event. */
  reportTurn(turn: TurnReport): void;
  /** Prints a comment when the run is verbose, marked with the unit's id when units run at once. */
  show(text: string): void;
}

/** Writes a unit's output file (atomically, never replacing a file) once its model work is done. */
export type SaveUnit = () => Promise<void>;

/** A finished unit's token counts. */
interface UnitWork {
  promptTokens: number;
  completionTokens: number;
}

/** The part of an experiment that differs between discussions and annotations. */
export interface ExperimentSetup<Unit extends { id: string }> {
  /** "discussions" or "annotations", for messages. */
  unitNoun: string;
  concurrency: number;
  /** The experiment's identity, given the plan an earlier run recorded in the folder (to reuse its seed). */
  identify(stored: PlanIdentity | undefined): PlanIdentity;
  /** The plan's units, in order; called more than once, so it should be cheap to repeat. */
  units(identity: PlanIdentity): Iterable<Unit>;
  /** Throws unless `data` (a parsed output file) is a finished output of `unit`. */
  checkOutput(data: unknown, file: string, unit: Unit): void;
  /** Does a unit's model work and returns how to save it; the runner saves it outside the unit's slot. */
  runUnit(unit: Unit, context: UnitContext): Promise<SaveUnit>;
}

// How many generated units may wait for the disk, per concurrency slot, before a slot waits with them.
// One is enough to keep the disk busy; more only hold more finished discussions in memory.
const SAVES_PER_SLOT = 1;

/**
 * Runs the units of a plan into an output folder: takes the folder's lock, records or checks the plan,
 * skips units whose output file already exists, runs the rest `concurrency` at once, journals every step,
 * reports progress, and stops cleanly on interruption.
 *
 * `concurrency` limits the units doing model work. A unit that has finished it frees its slot while its file
 * is written, so that a fast model is not held back by the disk; one such write per slot may be pending.
 *
 * @throws {@link ExperimentInterruptedError} when stopped before every unit ran.
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
    const { done, total } = await findFinishedUnits(folder.outputDir, setup.units(identity), setup.checkOutput);
    const journaled = await journaledUnits(folder.journalFile);
    const journal = Journal.open(folder.journalFile, randomUUID());
    try {
      const toRun = total - done.size;
      journal.append({
        event: "experiment-started",
        pid: process.pid,
        fingerprint: identity.fingerprint,
        total,
        alreadyDone: done.size,
        toRun,
        removedTemporaryFiles,
      });
      // A process killed between writing a file and journaling it leaves a file the journal does not know.
      for (const unit of done) {
        if (journaled.has(unit)) continue;
        journal.append({ event: "unit-found", unit, file: unitOutputFile(folder.outputDir, unit) });
      }
      logger.info({ outputDir: folder.outputDir, total, alreadyDone: done.size, toRun }, "experiment started");
      const run = new RunState(setup, folder, journal, options, total, done.size);
      run.emit({ type: "experiment-started", total, alreadyDone: done.size, toRun });
      return await run.execute(
        filter(setup.units(identity), (unit) => !done.has(unit.id)),
        startedAt,
      );
    } finally {
      journal.close();
    }
  } finally {
    await folder.release();
  }
}

/** One run of an experiment: its signal, its counts, and how it journals and reports each unit. */
class RunState<Unit extends { id: string }> {
  readonly summary: ExperimentSummary;
  readonly #setup: ExperimentSetup<Unit>;
  readonly #journal: Journal;
  readonly #onProgress: ExperimentRunOptions["onProgress"];
  readonly #controller = new AbortController();
  readonly #signal: AbortSignal;
  readonly #handleSignals: boolean;
  readonly #verbose: boolean;
  readonly #saving = new Set<Promise<void>>();
  // Slots waiting for a save to end (see #runUnit).
  readonly #waitingForSaves: (() => void)[] = [];
  #interruptedBy: string | undefined;
  #listenerFailed = false;

  constructor(
    setup: ExperimentSetup<Unit>,
    folder: OutputFolder,
    journal: Journal,
    { signal, onProgress, handleSignals = true, verbose = false }: ExperimentRunOptions,
    total: number,
    alreadyDone: number,
  ) {
    this.#setup = setup;
    this.#journal = journal;
    this.#onProgress = onProgress;
    this.#handleSignals = handleSignals;
    this.#verbose = verbose;
    this.#signal = signal ? AbortSignal.any([this.#controller.signal, signal]) : this.#controller.signal;
    this.summary = {
      total,
      finished: alreadyDone,
      alreadyDone,
      failed: [],
      interrupted: false,
      outputDir: folder.outputDir,
      journalPath: folder.journalFile,
      promptTokens: 0,
      completionTokens: 0,
      durationMs: 0,
    };
  }

  /** Runs the pending units and closes the run: journal, last event, and the error if interrupted. */
  async execute(pending: Iterable<Unit>, startedAt: number): Promise<ExperimentSummary> {
    const stopListening = this.#handleSignals
      ? listenForInterrupts((name) => {
          this.#interruptedBy = name;
          this.#controller.abort();
        })
      : () => undefined;
    try {
      await runConcurrently(pending, this.#setup.concurrency, this.#signal, (unit) => this.#runUnit(unit));
    } finally {
      // Finished work is saved even when the run is stopping.
      await Promise.all(this.#saving);
      stopListening();
    }
    const { summary } = this;
    summary.durationMs = Math.round(performance.now() - startedAt);
    summary.interrupted = this.#signal.aborted && summary.finished < summary.total;
    const reason = this.#interruptedBy ?? "stopped by the caller's signal";
    if (summary.interrupted) {
      this.#journal.append({ event: "interrupted", reason, finished: summary.finished, total: summary.total });
      logger.warn({ finished: summary.finished, total: summary.total }, `experiment interrupted (${reason})`);
    } else {
      this.#journal.append({
        event: "experiment-finished",
        finished: summary.finished,
        failed: summary.failed.length,
        total: summary.total,
        durationMs: summary.durationMs,
      });
      logger.info({ finished: summary.finished, failed: summary.failed.length }, "experiment finished");
    }
    this.emit({ type: "experiment-finished", summary });
    if (summary.interrupted) throw new ExperimentInterruptedError(summary, reason, this.#setup.unitNoun);
    return summary;
  }

  /** Sends an event to the listener; a listener that throws is logged once and otherwise ignored. */
  emit(event: ExperimentEvent): void {
    try {
      this.#onProgress?.(event);
    } catch (error) {
      if (!this.#listenerFailed) logger.warn({ err: error }, "the progress listener threw; the experiment goes on");
      this.#listenerFailed = true;
    }
  }

  /**
   * Does one unit's model work and hands its saving over to the background; records the unit as failed, or
   * (when the run is stopping) abandoned. Never throws.
   */
  async #runUnit(unit: Unit): Promise<void> {
    const startedAt = performance.now();
    const outputFile = unitOutputFile(this.summary.outputDir, unit.id);
    this.#journal.append({ event: "unit-started", unit: unit.id });
    this.emit({ type: "unit-started", unitId: unit.id });
    const work: UnitWork = { promptTokens: 0, completionTokens: 0 };
    let save: SaveUnit;
    try {
      save = await this.#setup.runUnit(unit, {
        signal: this.#signal,
        outputFile,
        reportTurn: (turn) => {
          work.promptTokens += turn.promptTokens ?? 0;
          work.completionTokens += turn.completionTokens ?? 0;
          this.emit({ type: "turn", unitId: unit.id, ...turn });
        },
        show: (text) => {
          if (this.#verbose) console.log(this.#setup.concurrency > 1 ? `[${unit.id}] ${text}` : text);
        },
      });
    } catch (error) {
      if (this.#signal.aborted) this.#journal.append({ event: "unit-abandoned", unit: unit.id });
      else this.#recordFailure(unit, error);
      return;
    }
    const saving = this.#save(unit, save, work, outputFile, startedAt).finally(() => {
      this.#saving.delete(saving);
      // Every waiting slot checks again; there are at most `concurrency` of them.
      for (const wake of this.#waitingForSaves.splice(0)) wake();
    });
    this.#saving.add(saving);
    // The slot waits while too many files wait for the disk, which keeps memory bounded.
    while (this.#saving.size > this.#setup.concurrency * SAVES_PER_SLOT) {
      await new Promise<void>((resolve) => this.#waitingForSaves.push(resolve));
    }
  }

  /** Writes a unit's file and records it as finished, or as failed when the file cannot be written. */
  async #save(unit: Unit, save: SaveUnit, work: UnitWork, outputFile: string, startedAt: number): Promise<void> {
    try {
      await save();
    } catch (error) {
      this.#recordFailure(unit, error);
      return;
    }
    const durationMs = Math.round(performance.now() - startedAt);
    this.summary.finished += 1;
    this.summary.promptTokens += work.promptTokens;
    this.summary.completionTokens += work.completionTokens;
    const { promptTokens, completionTokens } = work;
    this.#journal.append({
      event: "unit-finished",
      unit: unit.id,
      file: outputFile,
      promptTokens,
      completionTokens,
      durationMs,
    });
    this.emit({ type: "unit-finished", unitId: unit.id, file: outputFile, promptTokens, completionTokens, durationMs });
  }

  #recordFailure(unit: Unit, error: unknown): void {
    const message = describeError(error);
    this.summary.failed.push({ unitId: unit.id, error: message });
    this.#journal.append({ event: "unit-failed", unit: unit.id, error: message });
    logger.warn({ unit: unit.id, err: error }, "unit failed; running the experiment again retries it");
    this.emit({ type: "unit-failed", unitId: unit.id, error: message });
  }
}

/** The ids of the units whose output file exists and holds their finished output, and the number of units. */
async function findFinishedUnits<Unit extends { id: string }>(
  outputDir: string,
  units: Iterable<Unit>,
  checkOutput: ExperimentSetup<Unit>["checkOutput"],
): Promise<{ done: Set<string>; total: number }> {
  const present = new Set(await readdir(outputDir));
  const done = new Set<string>();
  let total = 0;
  for (const unit of units) {
    total += 1;
    if (!present.has(`${unit.id}.json`)) continue;
    const file = unitOutputFile(outputDir, unit.id);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new InputError(`the output file is not valid JSON (${(error as Error).message})`, {
        file,
        fix: "Delete it and run the experiment again to redo this unit",
      });
    }
    checkOutput(data, file, unit);
    done.add(unit.id);
  }
  return { done, total };
}

/** The units that the journal records as finished (or found finished). */
async function journaledUnits(journalFile: string): Promise<Set<string>> {
  const units = new Set<string>();
  for (const record of await readJournal(journalFile)) {
    if (record.event === "unit-finished" || record.event === "unit-found") units.add(record.unit);
  }
  return units;
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Iterable<T> {
  for (const item of items) if (keep(item)) yield item;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
}
