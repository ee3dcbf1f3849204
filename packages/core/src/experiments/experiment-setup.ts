import type { FileFormat } from "../formats/discussion-file.js";
import type { PlanIdentity } from "./plan-file.js";

/** One turn of a unit, as the unit reports it; token counts are left out (or undefined) when unknown. */
export interface TurnReport {
  name: string;
  promptTokens?: number | undefined;
  /** Of the prompt tokens, those the backend evaluated (the rest came from its cache), where it says. */
  evaluatedPromptTokens?: number | undefined;
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

/** The part of an experiment that differs between discussions and annotations. */
export interface ExperimentSetup<Unit extends { id: string }> {
  /** "discussions" or "annotations", for messages. */
  unitNoun: string;
  concurrency: number;
  /** The format of the output files (recorded in the journal). */
  format: FileFormat;
  /** The experiment's identity, given the plan an earlier run recorded in the folder (to reuse its seed). */
  identify(stored: PlanIdentity | undefined): PlanIdentity;
  /** The plan's units, in order; called more than once, so it should be cheap to repeat. */
  units(identity: PlanIdentity): Iterable<Unit>;
  /**
   * Throws unless `data` (a parsed output file, with `sidecar` its parsed `NAME.meta.json` if there is one) is
   * a finished output of `unit`.
   */
  checkOutput(data: unknown, file: string, unit: Unit, sidecar: unknown): void;
  /** Does a unit's model work and returns how to save it; the runner saves it outside the unit's slot. */
  runUnit(unit: Unit, context: UnitContext): Promise<SaveUnit>;
}
