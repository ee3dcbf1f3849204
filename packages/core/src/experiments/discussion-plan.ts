import { SeededRandom } from "../random.js";
import type { CastDraw } from "./participant-cast.js";

/** One discussion of a {@link DiscussionExperiment}'s plan. */
export interface DiscussionPlanUnit {
  /** Stable for the same experiment and seed; names the output file `<id>.json`. */
  id: string;
  /** 0-based position in the plan. */
  index: number;
  /** The usernames drawn from the pool, in turn-manager order. */
  participants: string[];
  /** The opening comment drawn from the pool, or `null` when the pool is empty. */
  seedOpinion: string | null;
  /** Which participant wrote the seed opinion, or `null`. */
  seedOpinionUsername: string | null;
  /** The seed of this discussion's turn manager (a clone of the experiment's). */
  turnManagerSeed: number;
  /** The usernames and instructions the participants drew, when the experiment has a cast. */
  cast?: CastDraw;
}

/** What a discussion plan is drawn from. */
export interface DiscussionPlanSettings {
  usernames: readonly string[];
  seedOpinions: readonly string[];
  numActiveUsers: number;
  numDiscussions: number;
  seed: number;
  /** The experiment's fingerprint; its first characters end every unit id. */
  fingerprint: string;
}

/**
 * Draws each discussion's participants (without replacement), seed opinion and its author, and a
 * turn-manager seed, from one seeded sequence: the same settings always give the same plan. A generator,
 * so that a long plan need not be held in memory.
 */
export function* planDiscussions(settings: DiscussionPlanSettings): Generator<DiscussionPlanUnit> {
  const random = new SeededRandom(settings.seed);
  const width = Math.max(5, String(settings.numDiscussions).length);
  const suffix = settings.fingerprint.slice(0, 8);
  for (let index = 0; index < settings.numDiscussions; index++) {
    const participants = random.sample(settings.usernames, settings.numActiveUsers);
    const seedOpinion = settings.seedOpinions.length > 0 ? random.pick(settings.seedOpinions) : null;
    const seedOpinionUsername = seedOpinion === null ? null : random.pick(participants);
    yield {
      id: `discussion-${String(index + 1).padStart(width, "0")}-${suffix}`,
      index,
      participants,
      seedOpinion,
      seedOpinionUsername,
      turnManagerSeed: random.childSeed(),
    };
  }
}
