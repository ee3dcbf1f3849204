import type { ExperimentEvent } from "@syndisco/core";
import { tokensPerSecond } from "./format.js";

/** Where an experiment stands, for drawing. */
export interface ProgressSnapshot {
  /** `discussions` or `annotations`. */
  label: string;
  /** Units in the plan. */
  total: number;
  /** Units finished by an earlier run (a resumed experiment skips them). */
  alreadyDone: number;
  /** Units finished, including those already done. */
  done: number;
  failed: number;
  /** Units started and not yet finished or failed. */
  running: number;
  /** Comments (or annotations) generated so far in this run. */
  turns: number;
  /** Tokens generated so far in this run. */
  completionTokens: number;
  /** Generated tokens per second since the experiment started. */
  tokensPerSecond: number;
  elapsedMs: number;
}

/** Follows an experiment's events and keeps the counts that progress bars and lines show. */
export class ProgressTracker {
  readonly label: string;
  readonly #now: () => number;
  #startedAt: number | undefined;
  #total = 0;
  #alreadyDone = 0;
  #finished = 0;
  #failed = 0;
  #running = 0;
  #turns = 0;
  #completionTokens = 0;
  /** Tokens counted from each running unit's turns, to add only the rest when the unit finishes. */
  readonly #unitTurnTokens = new Map<string, number>();

  /** @param now - the clock, in milliseconds. */
  constructor(label: string, now: () => number = () => performance.now()) {
    this.label = label;
    this.#now = now;
  }

  /** Updates the counts from one event. */
  handle(event: ExperimentEvent): void {
    switch (event.type) {
      case "experiment-started":
        this.#startedAt = this.#now();
        this.#total = event.total;
        this.#alreadyDone = event.alreadyDone;
        break;
      case "unit-started":
        this.#running += 1;
        break;
      case "turn": {
        const tokens = event.completionTokens ?? 0;
        this.#turns += 1;
        this.#completionTokens += tokens;
        this.#unitTurnTokens.set(event.unitId, (this.#unitTurnTokens.get(event.unitId) ?? 0) + tokens);
        break;
      }
      case "unit-finished":
        // Turns may not carry token counts; the unit's total does.
        this.#completionTokens += Math.max(0, event.completionTokens - (this.#unitTurnTokens.get(event.unitId) ?? 0));
        this.#unitTurnTokens.delete(event.unitId);
        this.#running = Math.max(0, this.#running - 1);
        this.#finished += 1;
        break;
      case "unit-failed":
        this.#unitTurnTokens.delete(event.unitId);
        this.#running = Math.max(0, this.#running - 1);
        this.#failed += 1;
        break;
      case "experiment-finished":
        this.#running = 0;
        break;
    }
  }

  /** The counts now. */
  snapshot(): ProgressSnapshot {
    const elapsedMs = this.#startedAt === undefined ? 0 : this.#now() - this.#startedAt;
    return {
      label: this.label,
      total: this.#total,
      alreadyDone: this.#alreadyDone,
      done: this.#alreadyDone + this.#finished,
      failed: this.#failed,
      running: this.#running,
      turns: this.#turns,
      completionTokens: this.#completionTokens,
      tokensPerSecond: tokensPerSecond(this.#completionTokens, elapsedMs),
      elapsedMs,
    };
  }
}
