import type { ExperimentEvent } from "@syndisco/core";
import cliProgress from "cli-progress";
import { ProgressTracker } from "./progress-tracker.js";
import type { ProgressReporter } from "./reporter.js";

/** What each redraw shows beside the bar. */
interface BarPayload {
  label: string;
  turns: number;
  failed: number;
  rate: number;
}

const FORMAT = "{label} |{bar}| {value}/{total} | {turns} turns | {failed} failed | {rate} tok/s | ETA {eta_formatted}";

/** A live progress bar on a terminal: units done, turns, failures and tokens per second. */
export class TtyProgress implements ProgressReporter {
  readonly #tracker: ProgressTracker;
  readonly #stream: NodeJS.WriteStream;
  readonly #detail: (() => string) | undefined;
  #bar: cliProgress.SingleBar | undefined;

  /** @param detail - more to show after the label on every redraw (a study's cells). */
  constructor(label: string, stream: NodeJS.WriteStream, detail?: () => string) {
    this.#tracker = new ProgressTracker(label);
    this.#stream = stream;
    this.#detail = detail;
  }

  onEvent(event: ExperimentEvent): void {
    this.#tracker.handle(event);
    const state = this.#tracker.snapshot();
    const payload: BarPayload = {
      label: this.#detail ? `${state.label} (${this.#detail()})` : state.label.padEnd(11),
      turns: state.turns,
      failed: state.failed,
      rate: state.tokensPerSecond,
    };
    if (event.type === "experiment-started") {
      this.#bar = new cliProgress.SingleBar(
        { format: FORMAT, stream: this.#stream, hideCursor: true, etaBuffer: 20, fps: 5 },
        cliProgress.Presets.shades_classic,
      );
      this.#bar.start(state.total, state.done, payload);
      return;
    }
    // Failed units count towards the bar too, so that it reaches the end.
    this.#bar?.update(state.done + state.failed, payload);
    if (event.type === "experiment-finished") this.stop();
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }
}
