import type { SeedComment } from "../jobs/seed-thread.js";
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
  /** The opening comments drawn from the pool (one item: a comment or a thread); empty when the pool is. */
  seedOpinions: string[];
  /**
   * Who wrote each opening comment: its own author when the thread names one, else the participant at its
   * position in the thread (the first participants, in order, as SynDisco 2.2 does).
   */
  seedOpinionUsernames: string[];
  /** The first opening comment, or `null` when there is none. */
  seedOpinion: string | null;
  /** Who wrote the first opening comment, or `null`. */
  seedOpinionUsername: string | null;
  /** The seed of this discussion's turn manager (a clone of the experiment's). */
  turnManagerSeed: number;
  /** The usernames and instructions the participants drew, when the experiment has a cast. */
  cast?: CastDraw;
}

/**
 * One item of an experiment's seed pool: a comment, or a thread of comments that open a discussion in order.
 * A comment of a thread may name its author (`{ name, text }`, say from a real thread); one without a name is
 * written by the participant at its position.
 */
export type SeedItem = string | readonly (string | SeedComment)[];

/** What a discussion plan is drawn from. */
export interface DiscussionPlanSettings {
  usernames: readonly string[];
  seedOpinions: readonly SeedItem[];
  numActiveUsers: number;
  numDiscussions: number;
  seed: number;
  /** The experiment's fingerprint; its first characters end every unit id. */
  fingerprint: string;
}

/**
 * Draws each discussion's participants (without replacement), seed item, and a turn-manager seed, from one seeded sequence: the same settings always give the same plan. A generator,
 * so that a long plan need not be held in memory.
 */
export function* planDiscussions(settings: DiscussionPlanSettings): Generator<DiscussionPlanUnit> {
  const random = new SeededRandom(settings.seed);
  const width = Math.max(5, String(settings.numDiscussions).length);
  const suffix = settings.fingerprint.slice(0, 8);
  for (let index = 0; index < settings.numDiscussions; index++) {
    const participants = random.sample(settings.usernames, settings.numActiveUsers);
    const item = settings.seedOpinions.length > 0 ? random.pick(settings.seedOpinions) : undefined;
    const comments = item === undefined ? [] : typeof item === "string" ? [item] : item;
    const seedOpinions = comments.map((comment) => (typeof comment === "string" ? comment : comment.text));
    // A comment without its own author is written by the drawn participant at its position in the thread (a
    // thread longer than the cast goes round).
    const seedOpinionUsernames = comments.map((comment, n) =>
      typeof comment === "string" ? (participants[n % participants.length] as string) : comment.name,
    );
    yield {
      id: `discussion-${String(index + 1).padStart(width, "0")}-${suffix}`,
      index,
      participants,
      seedOpinions,
      seedOpinionUsernames,
      seedOpinion: seedOpinions[0] ?? null,
      seedOpinionUsername: seedOpinionUsernames[0] ?? null,
      turnManagerSeed: random.childSeed(),
    };
  }
}
