import type { ExperimentEvent, ExperimentSummary } from "../experiments/events.js";
import type { BaseModel } from "../model/base-model.js";
import type { CellFilter } from "./cell-id.js";

/** What happened to one cell in a run of a study. */
export interface CellOutcome {
  id: string;
  /** The cell's experiment summary, when it ran. */
  summary?: ExperimentSummary;
  /** Why the cell did not run or did not end, when it did not (for example its setup changed). */
  error?: string;
}

/** What a run of a study adds up to. */
export interface StudySummary {
  /** The cells this run took on (the design's, less those a filter left out). */
  cells: CellOutcome[];
  /** Discussions in those cells. */
  total: number;
  /** Of those, discussions whose file exists now, including those of earlier runs. */
  finished: number;
  /** Discussions that earlier runs had finished. */
  alreadyDone: number;
  /** Discussions that failed in this run; running the study again retries them. */
  failed: number;
  /** Whether the run was stopped (SIGINT, SIGTERM or the caller's signal) before it ran every cell. */
  interrupted: boolean;
  outputDir: string;
  durationMs: number;
}

/** Progress of a study: its cells, the loading of its models, and each cell's experiment events. */
export type StudyEvent =
  /** `cells` the run takes on, `cellsDone` of them finished earlier; `total` discussions, `alreadyDone` of them. */
  | { type: "study-started"; cells: number; cellsDone: number; total: number; alreadyDone: number }
  | { type: "model-loading"; model: string }
  | { type: "model-disposed"; model: string }
  | { type: "cell-started"; cellId: string; model: string }
  | { type: "cell-event"; cellId: string; event: ExperimentEvent }
  | { type: "cell-finished"; cellId: string; outcome: CellOutcome }
  | { type: "study-finished"; summary: StudySummary };

/** Gives the model for a key of the study's models. */
export type ModelLookup = (key: string) => BaseModel;

/** Which cells a run or plan takes on, and how many discussions of each. */
export interface CellSelection {
  /** Only the cells that match (see `parseCellFilter`). Default: every cell. */
  cells?: CellFilter;
  /** Runs (or plans) at most this many discussions per cell, for a trial; the cells' plans stay whole. */
  maxReplicates?: number;
}

/** Options of `Study.begin`. */
export interface StudyRunOptions extends CellSelection {
  /** The study's folder: `study.json`, and `discussions/<cell id>/` for each cell. */
  outputDir: string;
  /** Loads a model; the study disposes of it after the last cell that uses it. */
  loadModel(key: string): Promise<BaseModel>;
  /**
   * Stand-ins named as the loaded models will be, to check every cell against its folder before any model
   * is loaded. Without them, a cell whose setup changed is refused only when its turn comes.
   */
  planningModels?: ModelLookup;
  onProgress?: (event: StudyEvent) => void;
  signal?: AbortSignal;
  /** Stop cleanly on SIGINT and SIGTERM (a second signal exits at once). Default `true`. */
  handleSignals?: boolean;
}
