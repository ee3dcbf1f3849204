import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { InputError } from "../errors.js";
import type { FileFormat } from "../formats/discussion-file.js";
import type { DiscussionOptions } from "../jobs/discussion-options.js";
import type { ModeratorPolicy } from "../jobs/moderator-policy.js";
import { requireModeratorPolicy } from "../jobs/moderator-policy.js";
import { requireWholeNumber } from "../jobs/validate.js";
import { requireFileFormat } from "../jobs/write-output.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import type { SeedItem } from "./discussion-plan.js";
import { requireActorPool, requireOutsidePool } from "./experiment-options.js";
import type { WeightedInstructions } from "./participant-cast.js";
import { requireInstructionMix } from "./participant-cast.js";
import { requireSeedOpinions } from "./seed-items.js";

/** Options of {@link DiscussionExperiment}, with SynDisco's names in camelCase. */
export interface DiscussionExperimentOptions {
  /** The pool of participants that each discussion draws from. */
  users: readonly Actor[];
  /**
   * What opens the discussions: each discussion draws one item, a comment or a list of comments (a seed
   * thread), written in order by its first participants (as SynDisco 2.2 does); a thread's `{ name, text }`
   * comment keeps its own author. Default: none.
   */
  seedOpinions?: readonly SeedItem[];
  /** Joins every discussion (it is not in the turn order or in `users`) and speaks as its policy says. */
  moderator?: Actor;
  /** When the moderator speaks: see {@link DiscussionOptions.moderatorPolicy}. Default `"always"`. */
  moderatorPolicy?: ModeratorPolicy;
  /** Ends a discussion after this many participant turns in a row without a comment. Default: never. */
  endAfterSilentTurns?: number;
  /** The turn policy; each discussion gets `clone(seed)` with its own seed from the plan. Default `RoundRobin`. */
  nextTurnManager?: TurnManager;
  /** How many recent comments a speaker sees. Default 3. */
  historyCtxLen?: number;
  /** Participant turns per discussion. Default 10. */
  numTurns?: number;
  /** Participants per discussion, drawn without replacement from `users`. Default 2. */
  numActiveUsers?: number;
  /** How many discussions to run. Default 5. */
  numDiscussions?: number;
  /** Makes the plan reproducible. When omitted, one is drawn and kept in the output folder for reruns. */
  seed?: number;
  /**
   * How many discussions run at once (do model work; a finished one is written to disk outside its slot).
   * The outputs do not depend on it. Default 1.
   */
  concurrency?: number;
  /**
   * Each participant of each discussion draws its instructions from this weighted mix (for example 30%
   * troll instructions), replacing the instructions of its pool actor. The draw is seeded by the plan and
   * recorded in the file. Default: every participant keeps its own instructions.
   */
  instructionMix?: readonly WeightedInstructions[];
  /**
   * `"random"`: the participants of each discussion go by random, unique adjective-noun usernames drawn from
   * the plan's seed, instead of their personas' usernames. Default `"persona"`.
   */
  usernames?: "persona" | "random";
  /** Extra keys written into every discussion file (a study writes its cell's levels here). */
  metadata?: Record<string, unknown>;
  /**
   * The format of the discussion files: `"syndisco-2.0"` (default: SynDisco 2.0's keys, then ours) or
   * `"syndisco-2.2"` (exactly what SynDisco 2.2 writes; the rest goes to a sidecar `NAME.meta.json`).
   */
  format?: FileFormat;
}

/** Every option of {@link DiscussionExperiment}, to reject the keys it does not know. */
export const DISCUSSION_EXPERIMENT_OPTIONS: KnownOptions<DiscussionExperimentOptions> = {
  users: true,
  seedOpinions: true,
  moderator: true,
  moderatorPolicy: true,
  endAfterSilentTurns: true,
  nextTurnManager: true,
  historyCtxLen: true,
  numTurns: true,
  numActiveUsers: true,
  numDiscussions: true,
  seed: true,
  concurrency: true,
  instructionMix: true,
  usernames: true,
  metadata: true,
  format: true,
};

/** The options that have no default: unset means "none" (no moderator, never end early, a drawn seed, no mix). */
type UnsetMeansNone = "moderator" | "endAfterSilentTurns" | "seed" | "instructionMix";

/** The options of a {@link DiscussionExperiment} with their defaults applied, as the experiment keeps them. */
export type ResolvedDiscussionExperimentOptions = Required<Omit<DiscussionExperimentOptions, UnsetMeansNone>> &
  Pick<DiscussionExperimentOptions, UnsetMeansNone>;

/** The default of every option that has one, as the option docs above state them. */
function defaultOptions() {
  return {
    seedOpinions: [],
    moderatorPolicy: "always",
    // A new one for each experiment: a turn manager holds state.
    nextTurnManager: new RoundRobin(),
    historyCtxLen: 3,
    numTurns: 10,
    numActiveUsers: 2,
    numDiscussions: 5,
    concurrency: 1,
    usernames: "persona",
    metadata: {},
    format: "syndisco-2.0",
  } satisfies Omit<ResolvedDiscussionExperimentOptions, "users" | UnsetMeansNone>;
}

/**
 * Checks the options of a {@link DiscussionExperiment} and applies the defaults (an option set to `undefined`
 * counts as unset). The lists in the result are copies, so that changing the caller's lists later does not
 * change the experiment.
 *
 * @throws {@link InputError} naming the first unknown or invalid option.
 */
export function resolveDiscussionExperimentOptions(
  options: DiscussionExperimentOptions,
): ResolvedDiscussionExperimentOptions {
  rejectUnknownOptions(options, DISCUSSION_EXPERIMENT_OPTIONS, "DiscussionExperiment");
  const given: Partial<DiscussionExperimentOptions> = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  const resolved = { ...defaultOptions(), ...given, users: options.users } as ResolvedDiscussionExperimentOptions;
  requireValidOptions(resolved);
  return {
    ...resolved,
    users: [...resolved.users],
    seedOpinions: resolved.seedOpinions.map((item) =>
      typeof item === "string" ? item : item.map((comment) => (typeof comment === "string" ? comment : { ...comment })),
    ),
    instructionMix: resolved.instructionMix?.map((choice) => ({ ...choice })),
    metadata: { ...resolved.metadata },
  };
}

/** @throws {@link InputError} naming the first invalid option. */
function requireValidOptions(options: ResolvedDiscussionExperimentOptions): void {
  const { users, numActiveUsers, endAfterSilentTurns, moderator, usernames } = options;
  requireActorPool(users, "users", ActorType.USER);
  requireWholeNumber(options.historyCtxLen, "historyCtxLen", 0);
  requireWholeNumber(options.numTurns, "numTurns", 1);
  requireWholeNumber(options.numActiveUsers, "numActiveUsers", 1);
  requireWholeNumber(options.numDiscussions, "numDiscussions", 1);
  requireWholeNumber(options.concurrency, "concurrency", 1);
  if (endAfterSilentTurns !== undefined) requireWholeNumber(endAfterSilentTurns, "endAfterSilentTurns", 1);
  requireModeratorPolicy(options.moderatorPolicy);
  if (numActiveUsers > users.length) {
    throw new InputError(`numActiveUsers is ${numActiveUsers} but the pool has only ${users.length} users`, {
      field: "numActiveUsers",
      fix: `Use at most ${users.length}, or add users to the pool`,
    });
  }
  requireSeedOpinions(options.seedOpinions);
  if (moderator) requireOutsidePool(moderator, users);
  requireInstructionMix(options.instructionMix);
  requireFileFormat(options.format);
  if (usernames !== "persona" && usernames !== "random") {
    throw new InputError(`usernames must be "persona" or "random", not ${JSON.stringify(usernames)}`, {
      field: "usernames",
    });
  }
}
