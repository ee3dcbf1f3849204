import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { listenForInterrupts } from "../experiments/interrupt-signals.js";
import { ExperimentInterruptedError } from "../experiments/interrupted-error.js";
import { runConcurrently } from "../experiments/run-concurrently.js";
import { getLogger } from "../logging/logger.js";
import type { BaseModel } from "../model/base-model.js";
import { readManifest, writeManifest } from "./manifest.js";
import { PlaceholderModel } from "./placeholder-model.js";
import { scheduleByModel } from "./schedule.js";
import type { CellPlan, Study } from "./study.js";
import type { CellOutcome, StudyEvent, StudyRunOptions, StudySummary } from "./study-events.js";
import { StudyInterruptedError } from "./study-interrupted-error.js";

const logger = getLogger("study");

/** The body of `Study.begin`: check, record, then run the unfinished cells model by model. */
export async function runStudy(study: Study, options: StudyRunOptions): Promise<StudySummary> {
  const startedAt = performance.now();
  const outputDir = resolve(options.outputDir);
  const planningModels = options.planningModels ?? ((key: string) => new PlaceholderModel(key));
  const earlier = await readManifest(outputDir);
  const seed = await study.seedFor(outputDir);
  const everyPlan = await study.plan(outputDir, planningModels, { maxReplicates: options.maxReplicates });
  const selected = new Set(study.select(options).map((cell) => cell.id));
  const plans = everyPlan.filter((plan) => selected.has(plan.cell.id));
  refuseChangedCells(plans);
  await writeManifest(
    outputDir,
    {
      seed,
      factors: study.factors,
      sets: study.sets,
      cells: everyPlan.map((plan) => ({
        ...plan.cell,
        folder: `discussions/${plan.cell.id}`,
        fingerprint: plan.fingerprint,
        inDesign: true,
      })),
    },
    earlier,
  );

  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  let interruptedBy: string | undefined;
  const stopListening =
    options.handleSignals === false
      ? () => undefined
      : listenForInterrupts((name) => {
          interruptedBy = name;
          controller.abort();
        });
  const emit = (event: StudyEvent) => {
    try {
      options.onProgress?.(event);
    } catch (error) {
      logger.warn({ err: error }, "the progress listener threw; the study goes on");
    }
  };
  const outcomes = new Map<string, CellOutcome>(plans.map((plan) => [plan.cell.id, { id: plan.cell.id }]));
  const total = plans.reduce((sum, plan) => sum + plan.discussions, 0);
  const alreadyDone = plans.reduce((sum, plan) => sum + plan.done, 0);
  const pending = plans.filter((plan) => plan.done < plan.discussions);
  const cellsDone = plans.length - pending.length;
  emit({ type: "study-started", cells: plans.length, cellsDone, total, alreadyDone });
  logger.info({ outputDir, cells: plans.length, total, alreadyDone }, "study started");

  const loaded = new Map<string, BaseModel>();
  const runCell = async (plan: CellPlan) => {
    const { cell } = plan;
    const experiment = study.cellExperiment(cell, (key) => loadedModel(loaded, key), seed);
    emit({ type: "cell-started", cellId: cell.id, model: study.cellModels(cell)[0] ?? "" });
    const outcome: CellOutcome = { id: cell.id };
    try {
      outcome.summary = await experiment.begin({
        outputDir: plan.folder,
        maxUnits: plan.discussions,
        signal,
        handleSignals: false,
        onProgress: (event) => emit({ type: "cell-event", cellId: cell.id, event }),
      });
    } catch (error) {
      if (error instanceof ExperimentInterruptedError) outcome.summary = error.summary;
      outcome.error = error instanceof Error ? error.message : String(error);
      if (!signal.aborted) logger.warn({ cell: cell.id, err: error }, "cell did not run to its end");
    }
    outcomes.set(cell.id, outcome);
    emit({ type: "cell-finished", cellId: cell.id, outcome });
  };
  try {
    for (const group of scheduleByModel(pending, (plan) => study.cellModels(plan.cell))) {
      if (signal.aborted) break;
      for (const key of group.models) {
        if (loaded.has(key)) continue;
        emit({ type: "model-loading", model: key });
        loaded.set(key, await options.loadModel(key));
      }
      await runConcurrently(group.cells, study.concurrency, signal, runCell);
      for (const key of group.disposeAfter) await dispose(loaded, key, emit);
    }
  } finally {
    for (const key of [...loaded.keys()]) await dispose(loaded, key, emit);
    stopListening();
  }

  const summary = summarise(plans, outcomes, outputDir, startedAt, signal.aborted);
  emit({ type: "study-finished", summary });
  if (summary.interrupted) throw new StudyInterruptedError(summary, interruptedBy ?? "stopped by the caller's signal");
  return summary;
}

/** Refuses, before anything is loaded or written, the cells whose folders hold another setup. */
function refuseChangedCells(plans: readonly CellPlan[]): void {
  const changed = plans.filter((plan) => plan.changed);
  if (changed.length === 0) return;
  const lines = changed.map((plan) => `  ${plan.cell.id}: it differs in ${plan.changed?.join(", ")}`);
  throw new InputError(
    `${changed.length} cell(s) of the study hold the output of a different setup:\n${lines.join("\n")}\n`,
    {
      file: changed[0]?.folder,
      fix: "Undo the change to finish those cells, or give the changed setup a new level (a new cell)",
    },
  );
}

function loadedModel(loaded: ReadonlyMap<string, BaseModel>, key: string): BaseModel {
  const model = loaded.get(key);
  if (!model) throw new Error(`the model "${key}" is not loaded`);
  return model;
}

async function dispose(loaded: Map<string, BaseModel>, key: string, emit: (event: StudyEvent) => void) {
  const model = loaded.get(key);
  loaded.delete(key);
  if (!model) return;
  try {
    await model.dispose();
  } catch (error) {
    logger.warn({ model: key, err: error }, "disposing of the model failed");
  }
  emit({ type: "model-disposed", model: key });
}

function summarise(
  plans: readonly CellPlan[],
  outcomes: ReadonlyMap<string, CellOutcome>,
  outputDir: string,
  startedAt: number,
  aborted: boolean,
): StudySummary {
  const summary: StudySummary = {
    cells: plans.map((plan) => outcomes.get(plan.cell.id) ?? { id: plan.cell.id }),
    total: 0,
    finished: 0,
    alreadyDone: 0,
    failed: 0,
    interrupted: false,
    outputDir,
    durationMs: Math.round(performance.now() - startedAt),
  };
  for (const plan of plans) {
    const ran = outcomes.get(plan.cell.id)?.summary;
    summary.total += plan.discussions;
    summary.alreadyDone += plan.done;
    summary.finished += ran ? ran.finished : plan.done;
    summary.failed += ran ? ran.failed.length : 0;
  }
  summary.interrupted = aborted && summary.finished < summary.total;
  return summary;
}
