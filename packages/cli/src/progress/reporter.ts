import type { ExperimentEvent } from "@syndisco/core";

/** Shows an experiment's progress; one reporter per experiment (discussions, then annotations). */
export interface ProgressReporter {
  /** Receives every event of the experiment (pass it as the experiment's `onProgress`). */
  onEvent(event: ExperimentEvent): void;
  /** Ends the display (restores the cursor on a terminal). Safe to call more than once. */
  stop(): void;
}

/** Shows nothing: for `--quiet`. */
export class SilentProgress implements ProgressReporter {
  onEvent(): void {}
  stop(): void {}
}
