import { SeededRandom } from "../random.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { TurnManager, type TurnManagerDescription } from "./turn-manager.js";

/** Options of {@link QueueTurnManager}. */
export interface QueueTurnManagerOptions {
  names?: Iterable<string>;
  /** Start the round at a participant chosen uniformly at random instead of the first. Default `false`. */
  randomizeFirstSpeaker?: boolean;
  /** Makes the random first speaker reproducible. */
  seed?: number;
}

const QUEUE_TURN_MANAGER_OPTIONS: KnownOptions<QueueTurnManagerOptions> = {
  names: true,
  randomizeFirstSpeaker: true,
  seed: true,
};

/**
 * SynDisco 2.2's `QueueTurnManager`: round robin in list order. With `randomizeFirstSpeaker` the round
 * starts at a uniformly drawn participant (every participant equally likely, unlike upstream's draw) and
 * goes on in list order from there.
 */
export class QueueTurnManager extends TurnManager {
  readonly randomizeFirstSpeaker: boolean;
  readonly seed: number;
  #random: SeededRandom;
  #position: number | undefined;

  constructor(options: QueueTurnManagerOptions = {}) {
    super(options.names);
    rejectUnknownOptions(options, QUEUE_TURN_MANAGER_OPTIONS, "QueueTurnManager");
    const { randomizeFirstSpeaker = false, seed } = options;
    this.randomizeFirstSpeaker = randomizeFirstSpeaker;
    this.#random = new SeededRandom(seed);
    this.seed = this.#random.seed;
  }

  protected pickNext(names: readonly string[]): string {
    this.#position ??= this.randomizeFirstSpeaker ? this.#random.int(names.length) : 0;
    const name = names[this.#position % names.length] as string;
    this.#position += 1;
    return name;
  }

  protected reset(): void {
    this.#random = new SeededRandom(this.seed);
    this.#position = undefined;
  }

  clone(seed?: number): QueueTurnManager {
    return new QueueTurnManager({
      randomizeFirstSpeaker: this.randomizeFirstSpeaker,
      ...(seed === undefined ? {} : { seed }),
    });
  }

  describe(): TurnManagerDescription {
    return { type: "queue", randomize_first_speaker: this.randomizeFirstSpeaker, seed: this.seed };
  }
}
