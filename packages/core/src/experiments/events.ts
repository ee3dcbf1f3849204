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
  /**
   * How many prompt tokens the backend evaluated (the rest came from its KV or prompt cache) in the units
   * finished in this run, over the turns whose backend says so (llama.cpp and transformers.js do; a server
   * does when it reports cached tokens). Absent when no turn said.
   */
  promptEvaluation?: PromptEvaluation;
  /** Wall-clock time of this run. */
  durationMs: number;
}

/** Prompt tokens evaluated by the backend, over the turns that reported it. */
export interface PromptEvaluation {
  /** Turns (comments, or annotated comments) that reported it. */
  turns: number;
  /** Prompt tokens of those turns. */
  promptTokens: number;
  /** Of those, the tokens the backend evaluated. */
  evaluatedTokens: number;
  /** `evaluatedTokens / turns`: for annotations, prompt tokens evaluated per annotated comment. */
  evaluatedPerTurn: number;
  /** `evaluatedTokens / promptTokens`: the share of the prompts that the cache did not spare. */
  evaluatedShare: number;
}

/**
 * Progress of an experiment, as events that a CLI can draw as bars. A unit is one discussion (or one
 * annotator on one discussion). `turn` comes once per comment of a discussion, or once per annotated
 * comment; its `name` is who spoke (the commenter, or the annotator).
 */
export type ExperimentEvent =
  | { type: "experiment-started"; total: number; alreadyDone: number; toRun: number }
  | { type: "unit-started"; unitId: string }
  | {
      type: "turn";
      unitId: string;
      name: string;
      promptTokens?: number;
      /** Of the prompt tokens, those the backend evaluated (the rest came from its cache), where it says. */
      evaluatedPromptTokens?: number;
      completionTokens?: number;
    }
  | {
      type: "unit-finished";
      unitId: string;
      file: string;
      promptTokens: number;
      completionTokens: number;
      /** Prompt tokens evaluated by the backend over the unit's turns that say, where any does. */
      promptEvaluation?: PromptEvaluation;
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
