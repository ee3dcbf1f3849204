import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { RandomWeighted } from "./random-weighted.js";
import type { TurnManagerDescription } from "./turn-manager.js";

/** Options of {@link RespondTurnManager}. */
export interface RespondTurnManagerOptions {
  names?: Iterable<string>;
  /** The probability, in [0, 1], that the second-to-last speaker answers the last one. Default 0.5. */
  pRespond?: number;
  /** Makes the order reproducible. */
  seed?: number;
}

const RESPOND_TURN_MANAGER_OPTIONS: KnownOptions<RespondTurnManagerOptions> = {
  names: true,
  pRespond: true,
  seed: true,
};

/**
 * SynDisco 2.2's `RespondTurnManager`: the first speaker is uniform over the participants, the second uniform
 * among the others; afterwards, with probability `pRespond` the second-to-last speaker speaks again (a reply
 * to the last speaker), otherwise a uniform choice among everyone but the last speaker. This is
 * {@link RandomWeighted}'s rule under 2.2's name, with 2.2's default `pRespond` of 0.5.
 */
export class RespondTurnManager extends RandomWeighted {
  constructor(options: RespondTurnManagerOptions = {}) {
    const { names, pRespond = 0.5, seed } = options;
    super({ pRespond, ...(names === undefined ? {} : { names }), ...(seed === undefined ? {} : { seed }) });
    rejectUnknownOptions(options, RESPOND_TURN_MANAGER_OPTIONS, "RespondTurnManager");
  }

  override clone(seed?: number): RespondTurnManager {
    return new RespondTurnManager({ pRespond: this.pRespond, ...(seed === undefined ? {} : { seed }) });
  }

  override describe(): TurnManagerDescription {
    return { type: "respond", p_respond: this.pRespond, seed: this.seed };
  }
}
