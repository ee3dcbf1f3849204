import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { formatComment } from "../actor/prompt.js";
import { InputError } from "../errors.js";
import { parseDiscussionFile } from "../formats/discussion-file.js";
import { Discussion } from "../jobs/discussion.js";
import { requireWholeNumber } from "../jobs/validate.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import { type DiscussionPlanUnit, planDiscussions, type SeedItem } from "./discussion-plan.js";
import type { ExperimentRunOptions, ExperimentSummary } from "./events.js";
import { actorIdentity, ExperimentSeed, modelIdentities, requireActorPool } from "./experiment-options.js";
import { fingerprintOf } from "./fingerprint.js";
import {
  castActors,
  describeCast,
  drawCast,
  type ParticipantCast,
  requireInstructionMix,
  type WeightedInstructions,
} from "./participant-cast.js";
import type { PlanIdentity } from "./plan-file.js";
import { runExperiment, type SaveUnit, type UnitContext } from "./run-experiment.js";
import { requireSeedOpinions } from "./seed-items.js";
import { requireOwnOutput } from "./unit-output.js";

/** Options of {@link DiscussionExperiment}, with SynDisco's names in camelCase. */
export interface DiscussionExperimentOptions {
  /** The pool of participants that each discussion draws from. */
  users: readonly Actor[];
  /**
   * What opens the discussions: each discussion draws one item, a comment or a list of comments (a seed
   * thread), written in order by its first participants (as SynDisco 2.2 does). Default: none.
   */
  seedOpinions?: readonly SeedItem[];
  /** Joins every discussion and answers every comment (it is not in the turn order or in `users`). */
  moderator?: Actor;
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
}

/**
 * Many discussions drawn from pools of participants and seed opinions, each written to its own file the
 * moment it ends. The plan is deterministic for a seed; running the experiment again into the same folder
 * finishes what an interrupted run left undone.
 *
 * @example
 * ```ts
 * const experiment = new DiscussionExperiment({ users, seedOpinions: ["Should cities ban cars?"],
 *   numDiscussions: 100, numTurns: 8, seed: 42, concurrency: 4 });
 * const summary = await experiment.begin({ outputDir: "./output/discussions" });
 * ```
 */
export class DiscussionExperiment {
  /** The pool of participants. */
  readonly users: readonly Actor[];
  /** The pool of opening comments and threads (may be empty). */
  readonly seedOpinions: readonly SeedItem[];
  /** The moderator of every discussion, if any. */
  readonly moderator: Actor | undefined;
  /** The turn policy that every discussion clones. */
  readonly nextTurnManager: TurnManager;
  /** How many recent comments a speaker sees. */
  readonly historyCtxLen: number;
  /** Participant turns per discussion. */
  readonly numTurns: number;
  /** Participants per discussion. */
  readonly numActiveUsers: number;
  /** Discussions in the plan. */
  readonly numDiscussions: number;
  /** Discussions run at once. */
  readonly concurrency: number;
  /** The participants' instruction mix and usernames (see the options). */
  readonly cast: ParticipantCast;
  readonly #usersByName: ReadonlyMap<string, Actor>;
  readonly #seed: ExperimentSeed;
  readonly #metadata: Record<string, unknown>;

  /** @throws {@link InputError} naming the option when one is invalid. */
  constructor({
    users,
    seedOpinions = [],
    moderator,
    nextTurnManager = new RoundRobin(),
    historyCtxLen = 3,
    numTurns = 10,
    numActiveUsers = 2,
    numDiscussions = 5,
    seed,
    concurrency = 1,
    instructionMix,
    usernames = "persona",
    metadata = {},
  }: DiscussionExperimentOptions) {
    requireActorPool(users, "users", ActorType.USER);
    requireWholeNumber(historyCtxLen, "historyCtxLen", 0);
    requireWholeNumber(numTurns, "numTurns", 1);
    requireWholeNumber(numActiveUsers, "numActiveUsers", 1);
    requireWholeNumber(numDiscussions, "numDiscussions", 1);
    requireWholeNumber(concurrency, "concurrency", 1);
    if (numActiveUsers > users.length) {
      throw new InputError(`numActiveUsers is ${numActiveUsers} but the pool has only ${users.length} users`, {
        field: "numActiveUsers",
        fix: `Use at most ${users.length}, or add users to the pool`,
      });
    }
    requireSeedOpinions(seedOpinions);
    if (moderator) requireOutsidePool(moderator, users);
    requireInstructionMix(instructionMix);
    if (usernames !== "persona" && usernames !== "random") {
      throw new InputError(`usernames must be "persona" or "random", not ${JSON.stringify(usernames)}`, {
        field: "usernames",
      });
    }
    this.#metadata = { ...metadata };
    this.cast = { instructionMix: instructionMix?.map((choice) => ({ ...choice })), usernames };
    this.users = [...users];
    this.seedOpinions = seedOpinions.map((item) => (typeof item === "string" ? item : [...item]));
    this.moderator = moderator;
    this.nextTurnManager = nextTurnManager;
    this.historyCtxLen = historyCtxLen;
    this.numTurns = numTurns;
    this.numActiveUsers = numActiveUsers;
    this.numDiscussions = numDiscussions;
    this.concurrency = concurrency;
    this.#usersByName = new Map(users.map((user) => [user.getName(), user]));
    this.#seed = new ExperimentSeed(seed);
  }

  /**
   * The seed of the plan: the one given, else one drawn at construction, replaced by the seed an earlier
   * run recorded in the output folder once {@link DiscussionExperiment.begin} has read it.
   */
  get seed(): number {
    return this.#seed.value;
  }

  /**
   * What identifies the experiment's plan: its seed and the fingerprint of every setting that decides its
   * outputs, as its output folder records them. A study lists each cell's fingerprint in its manifest.
   */
  identity(): PlanIdentity {
    return this.#identity();
  }

  /** The plan: which participants, seed opinion and turn-manager seed each discussion gets. */
  plan(): DiscussionPlanUnit[] {
    return [...this.#units(this.#identity())];
  }

  /**
   * Runs every discussion of the plan that the output folder does not hold yet, `concurrency` at once, and
   * writes each to `<outputDir>/<unit id>.json`. A discussion that fails is recorded and does not stop the
   * others; run the experiment again to retry it.
   *
   * @returns what the run did; `failed` lists the discussions that failed.
   * @throws {@link ExperimentInterruptedError} when stopped by SIGINT, SIGTERM or `signal`.
   * @throws {@link InputError} when the folder cannot be written or holds another experiment's output.
   */
  async begin(options: ExperimentRunOptions): Promise<ExperimentSummary> {
    let identity = this.#identity();
    return runExperiment<DiscussionPlanUnit>(
      {
        unitNoun: "discussions",
        concurrency: this.concurrency,
        identify: (stored) => {
          this.#seed.adopt(stored, "discussion");
          identity = this.#identity();
          return identity;
        },
        units: (planned) => this.#units(planned),
        checkOutput: (data, file, unit) => requireOwnOutput(parseDiscussionFile(data, file), file, unit.id),
        runUnit: (unit, context) => this.#runDiscussion(unit, context, identity),
      },
      options,
    );
  }

  async #runDiscussion(
    unit: DiscussionPlanUnit,
    { signal, outputFile, reportTurn, show }: UnitContext,
    identity: PlanIdentity,
  ): Promise<SaveUnit> {
    const pool = unit.participants.map((name) => this.#usersByName.get(name) as Actor);
    const users = castActors(pool, unit.cast, this.cast);
    const renamed = (name: string | null) => users[unit.participants.indexOf(name ?? "")]?.getName() ?? "";
    const cast = describeCast(unit.participants, unit.cast, this.cast);
    const discussion = new Discussion({
      nextTurnManager: this.nextTurnManager.clone(unit.turnManagerSeed),
      users,
      ...(this.moderator ? { moderator: this.moderator } : {}),
      historyContextLen: this.historyCtxLen,
      convLen: this.numTurns,
      seedOpinions: unit.seedOpinions,
      seedOpinionUsernames: unit.seedOpinionUsernames.map(renamed),
      metadata: {
        ...this.#metadata,
        experiment: {
          fingerprint: identity.fingerprint,
          unit_id: unit.id,
          index: unit.index,
          seed: identity.seed,
          turn_manager_seed: unit.turnManagerSeed,
          ...(cast ? { cast } : {}),
        },
      },
    });
    for await (const comment of discussion.comments({ signal })) {
      reportTurn({
        name: comment.name,
        promptTokens: comment.prompt_tokens,
        completionTokens: comment.completion_tokens,
      });
      show(`${formatComment(comment.name, comment.text)}\n`);
    }
    return () => discussion.toJsonFile(outputFile);
  }

  #identity(): PlanIdentity {
    const description = {
      kind: "discussion",
      seed: this.#seed.value,
      numDiscussions: this.numDiscussions,
      numTurns: this.numTurns,
      numActiveUsers: this.numActiveUsers,
      historyCtxLen: this.historyCtxLen,
      users: this.users.map(actorIdentity),
      moderator: this.moderator ? actorIdentity(this.moderator) : null,
      turnManager: turnManagerSettings(this.nextTurnManager),
      seedOpinions: this.seedOpinions,
      // Left out when unset, so that experiments without them keep their fingerprints.
      instructionMix: this.cast.instructionMix,
      usernames: this.cast.usernames === "random" ? "random" : undefined,
    };
    const models = modelIdentities([...this.users, this.moderator]);
    return { kind: "discussion", seed: this.#seed.value, fingerprint: fingerprintOf(description), description, models };
  }

  /** The plan's units, each with its cast drawn. */
  *#units(identity: PlanIdentity): Generator<DiscussionPlanUnit> {
    const reserved = this.moderator ? [this.moderator.getName()] : [];
    for (const unit of planDiscussions(this.#planSettings(identity))) {
      const cast = drawCast(this.cast, unit.participants, unit.turnManagerSeed, reserved);
      yield cast ? { ...unit, cast } : unit;
    }
  }

  #planSettings(identity: PlanIdentity) {
    return {
      usernames: this.users.map((user) => user.getName()),
      seedOpinions: this.seedOpinions,
      numActiveUsers: this.numActiveUsers,
      numDiscussions: this.numDiscussions,
      seed: identity.seed,
      fingerprint: identity.fingerprint,
    };
  }
}

/** The turn policy's settings without its own seed: each discussion gets a clone seeded by the plan. */
function turnManagerSettings(manager: TurnManager): Record<string, unknown> {
  const { seed: _seed, ...settings } = manager.describe();
  return settings;
}

function requireOutsidePool(moderator: Actor, users: readonly Actor[]): void {
  if (moderator.actorType !== ActorType.USER) {
    throw new InputError("the moderator must be a participant actor", {
      field: "moderator",
      fix: "Create it with actorType: ActorType.USER",
    });
  }
  if (users.some((user) => user.getName() === moderator.getName())) {
    throw new InputError(`the moderator "${moderator.getName()}" is also in the users pool`, {
      field: "moderator",
      fix: "Leave the moderator out of users: it joins every discussion on its own",
    });
  }
}
