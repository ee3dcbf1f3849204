import type { ExperimentEvent, ExperimentSummary, StudyEvent } from "@syndisco/core";
import { createProgress, type ProgressChoice } from "./create-progress.js";
import type { ProgressReporter } from "./reporter.js";

/**
 * A study's progress: one bar (or plain lines) over the discussions of every cell, with the cells done beside
 * it, and, on plain output, a line per model loaded and per cell finished.
 */
export class StudyProgress {
  readonly #discussions: ProgressReporter;
  readonly #lines: NodeJS.WritableStream | undefined;
  #cells = 0;
  #cellsDone = 0;

  constructor(choice: ProgressChoice) {
    this.#discussions = createProgress("discussions", choice, () => `cells ${this.#cellsDone}/${this.#cells}`);
    this.#lines = choice.quiet || choice.stream.isTTY ? undefined : choice.stream;
  }

  onEvent(event: StudyEvent): void {
    switch (event.type) {
      case "study-started":
        this.#cells = event.cells;
        this.#cellsDone = event.cellsDone;
        this.#write(`cells: ${event.cells} in the study, ${event.cellsDone} already done`);
        this.#discussions.onEvent({
          type: "experiment-started",
          total: event.total,
          alreadyDone: event.alreadyDone,
          toRun: event.total - event.alreadyDone,
        });
        break;
      case "model-loading":
        this.#write(`model ${event.model}: loading`);
        break;
      case "model-disposed":
        this.#write(`model ${event.model}: disposed of`);
        break;
      case "cell-event":
        this.#forward(event.cellId, event.event);
        break;
      case "cell-finished": {
        this.#cellsDone += event.outcome.summary && !event.outcome.error ? 1 : 0;
        const problem = event.outcome.error ? ` — ${event.outcome.error}` : "";
        this.#write(`cells: ${this.#cellsDone}/${this.#cells} done (${event.cellId}${problem})`);
        break;
      }
      case "study-finished":
        this.#discussions.onEvent({ type: "experiment-finished", summary: {} as ExperimentSummary });
        break;
      default:
        break;
    }
  }

  stop(): void {
    this.#discussions.stop();
  }

  /** A cell's unit events go to the discussions' bar, its own start and end do not. */
  #forward(cellId: string, event: ExperimentEvent): void {
    if (event.type === "experiment-started" || event.type === "experiment-finished") return;
    this.#discussions.onEvent({ ...event, unitId: `${cellId}/${event.unitId}` });
  }

  #write(line: string): void {
    this.#lines?.write(`${line}\n`);
  }
}
