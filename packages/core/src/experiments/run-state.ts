import { getLogger } from "../logging/logger.js";
import type { ExperimentEvent, ExperimentRunOptions, ExperimentSummary } from "./events.js";
import type { ExperimentSetup, SaveUnit } from "./experiment-setup.js";
import { listenForInterrupts } from "./interrupt-signals.js";
import { ExperimentInterruptedError } from "./interrupted-error.js";
import type { Journal, JournalEntry } from "./journal.js";
import type { OutputFolder } from "./output-folder.js";
import { runConcurrently } from "./run-concurrently.js";
import { unitOutputFile } from "./state-paths.js";
import { TokenTally } from "./token-tally.js";

const logger = getLogger("experiment");

// How many generated units may wait for the disk, per concurrency slot, before a slot waits with them.
// One is enough to keep the disk busy; more only hold more finished discussions in memory.
const SAVES_PER_SLOT = 1;

/** One run of an experiment: its signal, its counts, and how it journals and reports each unit. */
export class RunState<Unit extends { id: string }> {
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
  /** The tokens of every unit finished in this run. */
  readonly #finishedWork = new TokenTally();
  #interruptedBy: string | undefined;
  #listenerFailed = false;
  #journalFailed = false;

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

  /**
   * Appends a line to the journal. A journal that cannot be written (a full disk, an I/O error) stops the
   * run as an interruption does: finished units are still saved, and `begin()` says what happened.
   */
  record(entry: JournalEntry): void {
    if (this.#journalFailed) return;
    try {
      this.#journal.append(entry);
    } catch (error) {
      this.#journalFailed = true;
      const reason = `the run journal ${this.#journal.path} could not be written: ${describeError(error)}`;
      logger.error({ err: error }, `${reason}; stopping the experiment`);
      this.#interruptedBy ??= reason;
      this.#controller.abort(error);
    }
  }

  /** Runs the pending units and closes the run: journal, last event, and the error if interrupted. */
  async execute(pending: Iterable<Unit>, startedAt: number): Promise<ExperimentSummary> {
    const stopListening = this.#handleSignals
      ? listenForInterrupts((name) => {
          this.#interruptedBy ??= name;
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
      this.record({ event: "interrupted", reason, finished: summary.finished, total: summary.total });
      logger.warn({ finished: summary.finished, total: summary.total }, `experiment interrupted (${reason})`);
    } else {
      this.record({
        event: "experiment-finished",
        finished: summary.finished,
        failed: summary.failed.length,
        total: summary.total,
        durationMs: summary.durationMs,
      });
      const evaluation = summary.promptEvaluation;
      logger.info(
        {
          finished: summary.finished,
          failed: summary.failed.length,
          ...(evaluation
            ? {
                evaluatedPromptTokensPerTurn: Math.round(evaluation.evaluatedPerTurn),
                evaluatedPromptShare: Number(evaluation.evaluatedShare.toFixed(3)),
              }
            : {}),
        },
        "experiment finished",
      );
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
    this.record({ event: "unit-started", unit: unit.id });
    this.emit({ type: "unit-started", unitId: unit.id });
    const work = new TokenTally();
    let save: SaveUnit;
    try {
      // A journal that failed just now has aborted the signal: the unit stops at its first model call.
      save = await this.#setup.runUnit(unit, {
        signal: this.#signal,
        outputFile,
        reportTurn: (turn) => {
          work.addTurn(turn);
          this.emit({ type: "turn", unitId: unit.id, ...turn });
        },
        show: (text) => {
          if (this.#verbose) console.log(this.#setup.concurrency > 1 ? `[${unit.id}] ${text}` : text);
        },
      });
    } catch (error) {
      if (this.#signal.aborted) this.record({ event: "unit-abandoned", unit: unit.id });
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

  /** Writes a unit's file and records it as finished, or as failed when the file cannot be written. Never throws. */
  async #save(unit: Unit, save: SaveUnit, work: TokenTally, outputFile: string, startedAt: number): Promise<void> {
    try {
      await save();
    } catch (error) {
      this.#recordFailure(unit, error);
      return;
    }
    const durationMs = Math.round(performance.now() - startedAt);
    this.summary.finished += 1;
    this.#finishedWork.add(work);
    this.summary.promptTokens = this.#finishedWork.promptTokens;
    this.summary.completionTokens = this.#finishedWork.completionTokens;
    const promptEvaluation = this.#finishedWork.promptEvaluation();
    if (promptEvaluation) this.summary.promptEvaluation = promptEvaluation;
    const { promptTokens, completionTokens } = work;
    const unitEvaluation = work.promptEvaluation();
    const evaluated = unitEvaluation ? { promptEvaluation: unitEvaluation } : {};
    this.record({
      event: "unit-finished",
      unit: unit.id,
      file: outputFile,
      promptTokens,
      completionTokens,
      ...(unitEvaluation ? { evaluatedPromptTokens: unitEvaluation.evaluatedTokens } : {}),
      durationMs,
    });
    this.emit({
      type: "unit-finished",
      unitId: unit.id,
      file: outputFile,
      promptTokens,
      completionTokens,
      ...evaluated,
      durationMs,
    });
  }

  #recordFailure(unit: Unit, error: unknown): void {
    const message = describeError(error);
    this.summary.failed.push({ unitId: unit.id, error: message });
    this.record({ event: "unit-failed", unit: unit.id, error: message });
    logger.warn({ unit: unit.id, err: error }, "unit failed; running the experiment again retries it");
    this.emit({ type: "unit-failed", unitId: unit.id, error: message });
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
}
