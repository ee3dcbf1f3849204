/** What an experiment run adds up to; returned by `begin()` and carried by its last event. */
export interface ExperimentSummary {
  /** Units in the plan. */
  total: number;
  /** Units whose output file exists now, including those finished by earlier runs. */
  finished: number;
  /** Units that earlier runs had already finished, skipped by this one. */
  alreadyDone: number;
  /** Units that failed in this run; running the experiment again retries them. */
  failed: { unitId: string; error: string }[];
  /** Whether this run was stopped (SIGINT, SIGTERM or the caller's signal) before it ran every unit. */
  interrupted: boolean;
  outputDir: string;
  /** The run journal: one JSON line per unit started, finished, failed or abandoned. */
  journalPath: string;
  /** Prompt tokens of the units finished in this run, where the backend reports them. */
  promptTokens: number;
  /** Completion tokens of the units finished in this run, where the backend reports them. */
  completionTokens: number;
  /** Wall-clock time of this run. */
  durationMs: number;
}

/**
 * Progress of an experiment, as events that a CLI can draw as bars. A unit is one discussion (or one
 * annotator on one discussion). `turn` comes once per comment of a discussion, or once per annotated
 * comment; its `name` is who spoke (the commenter, or the annotator).
 */
export type ExperimentEvent =
  | { type: "experiment-started"; total: number; alreadyDone: number; toRun: number }
  | { type: "unit-started"; unitId: string }
  | { type: "turn"; unitId: string; name: string; promptTokens?: number; completionTokens?: number }
  | {
      type: "unit-finished";
      unitId: string;
      file: string;
      promptTokens: number;
      completionTokens: number;
      durationMs: number;
    }
  | { type: "unit-failed"; unitId: string; error: string }
  | { type: "experiment-finished"; summary: ExperimentSummary };

/** Options of `begin()` shared by both kinds of experiment. */
export interface ExperimentRunOptions {
  /** The folder that receives one file per unit, and the plan and journal in its `.syndisco` folder. */
  outputDir: string;
  /** Print each comment (and annotation) as it is made. Default `false`. */
  verbose?: boolean;
  /** Stops the experiment like Ctrl-C does: no new units, running ones abandoned, nothing half-written. */
  signal?: AbortSignal;
  /** Receives progress events. An exception thrown here is logged and otherwise ignored. */
  onProgress?: (event: ExperimentEvent) => void;
  /** Stop cleanly on SIGINT and SIGTERM (a second signal exits at once). Default `true`. */
  handleSignals?: boolean;
  /**
   * Runs only the first `maxUnits` units of the plan, for a quick trial; the plan (and so its fingerprint and
   * unit ids) stays whole, and a later run without the cap finishes the rest. Default: every unit.
   */
  maxUnits?: number;
}
