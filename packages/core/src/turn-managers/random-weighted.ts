import { InputError } from "../errors.js";
import { SeededRandom } from "../random.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { TurnManager, type TurnManagerDescription } from "./turn-manager.js";

/** Options of {@link RandomWeighted}. */
export interface RandomWeightedOptions {
  names?: Iterable<string>;
  /** The probability, in [0, 1], that the participant whom the last comment answered replies back. */
  pRespond: number;
  /** Makes the order reproducible. */
  seed?: number;
}

const RANDOM_WEIGHTED_OPTIONS: KnownOptions<RandomWeightedOptions> = { names: true, pRespond: true, seed: true };

/**
 * A weighted coin decides each turn: with probability `pRespond` the participant whom the last comment
 * answered speaks again (a reply back); otherwise a random participant other than the last speaker. The
 * first speaker is random.
 */
export class RandomWeighted extends TurnManager {
  readonly pRespond: number;
  readonly seed: number;
  #random: SeededRandom;
  #lastSpeaker: string | undefined;
  #secondToLastSpeaker: string | undefined;

  constructor(options: RandomWeightedOptions) {
    super(options.names);
    rejectUnknownOptions(options, RANDOM_WEIGHTED_OPTIONS, "RandomWeighted");
    const { pRespond, seed } = options;
    if (!(typeof pRespond === "number" && pRespond >= 0 && pRespond <= 1)) {
      throw new InputError(`pRespond must be a probability between 0 and 1, not ${pRespond}`, {
        field: "pRespond",
        fix: "Use for example 0.5",
      });
    }
    this.pRespond = pRespond;
    this.#random = new SeededRandom(seed);
    this.seed = this.#random.seed;
  }

  protected pickNext(names: readonly string[]): string {
    const replyBack =
      this.#secondToLastSpeaker !== undefined &&
      names.includes(this.#secondToLastSpeaker) &&
      this.#random.float() < this.pRespond;
    const next = replyBack ? (this.#secondToLastSpeaker as string) : this.#pickOther(names);
    this.#secondToLastSpeaker = this.#lastSpeaker;
    this.#lastSpeaker = next;
    return next;
  }

  #pickOther(names: readonly string[]): string {
    const others = names.filter((name) => name !== this.#lastSpeaker);
    return this.#random.pick(others.length > 0 ? others : names);
  }

  protected reset(): void {
    this.#random = new SeededRandom(this.seed);
    this.#lastSpeaker = undefined;
    this.#secondToLastSpeaker = undefined;
  }

  clone(seed?: number): RandomWeighted {
    return new RandomWeighted({ pRespond: this.pRespond, ...(seed === undefined ? {} : { seed }) });
  }

  describe(): TurnManagerDescription {
    return { type: "random_weighted", p_respond: this.pRespond, seed: this.seed };
  }
}
