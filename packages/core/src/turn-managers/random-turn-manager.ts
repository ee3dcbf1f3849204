import { SeededRandom } from "../random.js";
import { TurnManager, type TurnManagerDescription } from "./turn-manager.js";

/** Options of {@link RandomTurnManager}. */
export interface RandomTurnManagerOptions {
  names?: Iterable<string>;
  /** Makes the order reproducible. */
  seed?: number;
}

/** Each turn goes to a participant chosen uniformly at random (the same one may speak twice in a row). */
export class RandomTurnManager extends TurnManager {
  readonly seed: number;
  #random: SeededRandom;

  constructor({ names, seed }: RandomTurnManagerOptions = {}) {
    super(names);
    this.#random = new SeededRandom(seed);
    this.seed = this.#random.seed;
  }

  protected pickNext(names: readonly string[]): string {
    return this.#random.pick(names);
  }

  protected reset(): void {
    this.#random = new SeededRandom(this.seed);
  }

  clone(seed?: number): RandomTurnManager {
    return new RandomTurnManager(seed === undefined ? {} : { seed });
  }

  describe(): TurnManagerDescription {
    return { type: "random", seed: this.seed };
  }
}
