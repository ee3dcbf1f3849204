import type { ExperimentEvent } from "@syndisco/core";
import { evaluatedPerTurnText, formatDuration, tokensPerSecond } from "./format.js";
import { ProgressTracker } from "./progress-tracker.js";
import type { ProgressReporter } from "./reporter.js";

/** Something lines can be written to, such as `process.stderr`. */
export interface LineSink {
  write(text: string): unknown;
}

/**
 * One line per finished or failed unit, for output that is not a terminal (CI logs, files, pipes), where
 * redrawn bars would be noise.
 */
export class PlainProgress implements ProgressReporter {
  readonly #tracker: ProgressTracker;
  readonly #sink: LineSink;

  constructor(label: string, sink: LineSink, now?: () => number) {
    this.#tracker = new ProgressTracker(label, now);
    this.#sink = sink;
  }

  onEvent(event: ExperimentEvent): void {
    this.#tracker.handle(event);
    const line = this.#lineFor(event);
    if (line) this.#sink.write(`${line}\n`);
  }

  stop(): void {}

  #lineFor(event: ExperimentEvent): string | undefined {
    const state = this.#tracker.snapshot();
    const label = state.label;
    switch (event.type) {
      case "experiment-started":
        return `${label}: ${event.total} planned, ${event.alreadyDone} already done, ${event.toRun} to run`;
      case "unit-finished": {
        const rate = tokensPerSecond(event.completionTokens, event.durationMs);
        const evaluation = event.promptEvaluation;
        const evaluated = evaluation
          ? `, ${evaluatedPerTurnText(evaluation.evaluatedPerTurn)} prompt tokens evaluated per ${label === "discussions" ? "comment" : "annotated comment"}`
          : "";
        return `${label}: ${state.done}/${state.total} done (${event.unitId} in ${formatDuration(event.durationMs)}, ${rate} tok/s${evaluated})`;
      }
      case "unit-failed":
        return `${label}: ${event.unitId} failed: ${errorText(event.error)}`;
      case "experiment-finished":
        return `${label}: ${state.done}/${state.total} done, ${state.failed} failed, ${state.completionTokens} tokens in ${formatDuration(state.elapsedMs)} (${state.tokensPerSecond} tok/s)`;
      default:
        return undefined;
    }
  }
}

/** An error's message, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
