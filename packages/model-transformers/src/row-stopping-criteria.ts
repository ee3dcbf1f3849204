import type { StoppingCriteria } from "@huggingface/transformers";
import type { RowTracker } from "./row-tracker.js";

/** A stopping criterion that also keeps every row's generated tokens. */
export interface RowStoppingCriteria extends StoppingCriteria {
  /** The tokens generated so far for each row (padding and prompt left out). */
  readonly generated: readonly (readonly number[])[];
}

/**
 * Builds the stopping criterion of one batch: after every step it collects each row's new token and asks
 * the row's tracker whether the row is finished. transformers.js ends generation when every row is.
 *
 * @param Base - transformers.js's `StoppingCriteria` class, passed in because the library is loaded lazily.
 * @param promptLength - the padded prompt length, where each row's generated tokens start.
 */
export function createRowStoppingCriteria(
  Base: typeof StoppingCriteria,
  trackers: readonly RowTracker[],
  promptLength: number,
): RowStoppingCriteria {
  class RowStop extends Base implements RowStoppingCriteria {
    readonly generated: number[][] = trackers.map(() => []);

    // transformers.js passes each row's ids (prompt and generated so far) as bigints, despite its types.
    override _call(inputIds: readonly (readonly (number | bigint)[])[]): boolean[] {
      return trackers.map((tracker, row) => {
        const ids = inputIds[row] ?? [];
        const generated = this.generated[row] as number[];
        for (let index = promptLength + generated.length; index < ids.length; index += 1) {
          generated.push(Number(ids[index]));
        }
        return tracker.observe(generated);
      });
    }
  }
  return new RowStop();
}
