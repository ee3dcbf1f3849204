import type { Actor } from "../actor/actor.js";
import type { DiscussionLogEntry } from "../formats/discussion-file.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import type { KnownOptions } from "../util/known-options.js";
import type { ModeratorPolicy } from "./moderator-policy.js";

/** Options of {@link Discussion}, with SynDisco's names in camelCase. */
export interface DiscussionOptions {
  /** Decides who speaks each turn; the discussion gives it the users' names. */
  nextTurnManager: TurnManager;
  /** The participants (the moderator may be one of them). */
  users: readonly Actor[];
  /** Speaks after the non-empty comments of the other participants, as its policy says. */
  moderator?: Actor;
  /**
   * When the moderator speaks: `"always"` (the default, SynDisco 2.0), `{ every: k }`, `{ probability: p }`, or
   * `"decide"` (its model first answers whether to intervene, stay silent or end the discussion).
   */
  moderatorPolicy?: ModeratorPolicy;
  /** Seeds the `probability` policy; a random one when omitted. */
  moderatorSeed?: number;
  /** Ends the discussion after this many participant turns in a row that produced no comment. */
  endAfterSilentTurns?: number;
  /** How many recent comments a speaker sees. Default 5. */
  historyContextLen?: number;
  /** How many participant turns the discussion lasts. Default 5. */
  convLen?: number;
  /** A fixed first comment that starts the discussion. (For several, use `seedOpinions`.) */
  seedOpinion?: string;
  /** Who wrote the seed opinion; required with `seedOpinion`. */
  seedOpinionUsername?: string;
  /**
   * Fixed comments that open the discussion, in order (a seed thread, as SynDisco 2.2's `seed_opinions`).
   * Whitespace-only ones are left out. Not together with `seedOpinion`.
   */
  seedOpinions?: readonly string[];
  /** Who wrote each of `seedOpinions`: a list of the same length, required with it. */
  seedOpinionUsernames?: readonly string[];
  /** The discussion's id; a random UUID by default. */
  id?: string;
  /** Extra keys written into the discussion's file (for example an experiment's unit id). */
  metadata?: Record<string, unknown>;
}

/** Every option of {@link Discussion}, to reject the keys it does not know. */
export const DISCUSSION_OPTIONS: KnownOptions<DiscussionOptions> = {
  nextTurnManager: true,
  users: true,
  moderator: true,
  moderatorPolicy: true,
  moderatorSeed: true,
  endAfterSilentTurns: true,
  historyContextLen: true,
  convLen: true,
  seedOpinion: true,
  seedOpinionUsername: true,
  seedOpinions: true,
  seedOpinionUsernames: true,
  id: true,
  metadata: true,
};

/**
 * Why a discussion ended: it ran its `convLen` turns, its moderator (policy `decide`) said it was over, or
 * `endAfterSilentTurns` turns in a row produced no comment.
 */
export type DiscussionEndReason = "turns" | "moderator" | "silence";

/** Options of {@link Discussion.begin}. */
export interface BeginOptions {
  /** Print each comment as `User NAME posted:` and its text. Default `true`. */
  verbose?: boolean;
  /** Stops the discussion between (or during) model calls. */
  signal?: AbortSignal;
}

/** One comment of a discussion, as it happens. */
export interface DiscussionComment extends DiscussionLogEntry {
  /** The participant turn it belongs to (0-based); -1 for the seed opinion. */
  turn: number;
  isModerator: boolean;
}
