import { SeededRandom } from "../random.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { TurnManager, type TurnManagerDescription } from "./turn-manager.js";

/** Options of {@link RandomTurnManager}. */
export interface RandomTurnManagerOptions {
  names?: Iterable<string>;
  /** Makes the order reproducible. */
  seed?: number;
  /**
   * Never give the last speaker the next turn (when anyone else may take it), as SynDisco 2.2's
   * `RandomTurnManager` does. Default `false`: any participant, the last speaker included.
   */
  avoidLastSpeaker?: boolean;
}

const RANDOM_TURN_MANAGER_OPTIONS: KnownOptions<RandomTurnManagerOptions> = {
  names: true,
  seed: true,
  avoidLastSpeaker: true,
};

/**
 * Each turn goes to a participant chosen uniformly at random: by default any of them (the same one may speak
 * twice in a row); with `avoidLastSpeaker`, any but the last speaker (SynDisco 2.2's rule).
 */
export class RandomTurnManager extends TurnManager {
  readonly seed: number;
  readonly avoidLastSpeaker: boolean;
  #random: SeededRandom;
  #lastSpeaker: string | undefined;

  constructor(options: RandomTurnManagerOptions = {}) {
    super(options.names);
    rejectUnknownOptions(options, RANDOM_TURN_MANAGER_OPTIONS, "RandomTurnManager");
    const { seed, avoidLastSpeaker = false } = options;
    this.#random = new SeededRandom(seed);
    this.seed = this.#random.seed;
    this.avoidLastSpeaker = avoidLastSpeaker;
  }

  protected pickNext(names: readonly string[]): string {
    const others = this.avoidLastSpeaker ? names.filter((name) => name !== this.#lastSpeaker) : names;
    this.#lastSpeaker = this.#random.pick(others.length > 0 ? others : names);
    return this.#lastSpeaker;
  }

  protected reset(): void {
    this.#random = new SeededRandom(this.seed);
    this.#lastSpeaker = undefined;
  }

  clone(seed?: number): RandomTurnManager {
    return new RandomTurnManager({ avoidLastSpeaker: this.avoidLastSpeaker, ...(seed === undefined ? {} : { seed }) });
  }

  describe(): TurnManagerDescription {
    return this.avoidLastSpeaker
      ? { type: "random", avoid_last_speaker: true, seed: this.seed }
      : { type: "random", seed: this.seed };
  }
}
