import type { Actor } from "../actor/actor.js";
import { formatComment } from "../actor/prompt.js";
import { InputError } from "../errors.js";
import { type FileFormat, parseDiscussionFile } from "../formats/discussion-file.js";
import { Discussion } from "../jobs/discussion.js";
import type { ModeratorPolicy } from "../jobs/moderator-policy.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import {
  type DiscussionExperimentOptions,
  resolveDiscussionExperimentOptions,
} from "./discussion-experiment-options.js";
import { type DiscussionPlanUnit, planDiscussions, type SeedItem } from "./discussion-plan.js";
import type { ExperimentRunOptions, ExperimentSummary } from "./events.js";
import { actorIdentity, ExperimentSeed, modelIdentities, turnManagerSettings } from "./experiment-options.js";
import { fingerprintOf } from "./fingerprint.js";
import { castActors, describeCast, drawCast, type ParticipantCast } from "./participant-cast.js";
import type { PlanIdentity } from "./plan-file.js";
import { runExperiment, type SaveUnit, type UnitContext } from "./run-experiment.js";
import { requireOwnOutput } from "./unit-output.js";

export type { DiscussionExperimentOptions } from "./discussion-experiment-options.js";

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
  /** When the moderator speaks. */
  readonly moderatorPolicy: ModeratorPolicy;
  /** Participant turns in a row without a comment that end a discussion, if set. */
  readonly endAfterSilentTurns: number | undefined;
  /** Participants per discussion. */
  readonly numActiveUsers: number;
  /** Discussions in the plan. */
  readonly numDiscussions: number;
  /** Discussions run at once. */
  readonly concurrency: number;
  /** The participants' instruction mix and usernames (see the options). */
  readonly cast: ParticipantCast;
  /** The format of the discussion files. */
  readonly format: FileFormat;
  readonly #usersByName: ReadonlyMap<string, Actor>;
  readonly #seed: ExperimentSeed;
  readonly #metadata: Record<string, unknown>;

  /** @throws {@link InputError} naming the option when one is invalid. */
  constructor(options: DiscussionExperimentOptions) {
    const resolved = resolveDiscussionExperimentOptions(options);
    this.users = resolved.users;
    this.seedOpinions = resolved.seedOpinions;
    this.moderator = resolved.moderator;
    this.moderatorPolicy = resolved.moderatorPolicy;
    this.endAfterSilentTurns = resolved.endAfterSilentTurns;
    this.nextTurnManager = resolved.nextTurnManager;
    this.historyCtxLen = resolved.historyCtxLen;
    this.numTurns = resolved.numTurns;
    this.numActiveUsers = resolved.numActiveUsers;
    this.numDiscussions = resolved.numDiscussions;
    this.concurrency = resolved.concurrency;
    this.cast = { instructionMix: resolved.instructionMix, usernames: resolved.usernames };
    this.#metadata = resolved.metadata;
    this.format = resolved.format;
    this.#usersByName = new Map(resolved.users.map((user) => [user.getName(), user]));
    this.#seed = new ExperimentSeed(resolved.seed);
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
        format: this.format,
        identify: (stored) => {
          this.#seed.adopt(stored, "discussion");
          identity = this.#identity();
          return identity;
        },
        units: (planned) => this.#units(planned),
        checkOutput: (data, file, unit, sidecar) =>
          requireOwnOutput(parseDiscussionFile(data, file, { sidecar }), file, unit.id),
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
    // A participant goes by its cast name; a seed comment's own author keeps the name the thread gives.
    const renamed = (name: string) => users[unit.participants.indexOf(name)]?.getName() ?? name;
    const cast = describeCast(unit.participants, unit.cast, this.cast);
    const discussion = new Discussion({
      nextTurnManager: this.nextTurnManager.clone(unit.turnManagerSeed),
      users,
      ...(this.moderator ? { moderator: this.moderator } : {}),
      moderatorPolicy: this.moderatorPolicy,
      // Its own sequence, apart from the turn manager's, yet fixed by the plan.
      moderatorSeed: unit.turnManagerSeed ^ MODERATOR_SEED_SALT,
      ...(this.endAfterSilentTurns === undefined ? {} : { endAfterSilentTurns: this.endAfterSilentTurns }),
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
    return () => discussion.toJsonFile(outputFile, { format: this.format });
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
      moderatorPolicy: this.moderatorPolicy === "always" ? undefined : this.moderatorPolicy,
      endAfterSilentTurns: this.endAfterSilentTurns,
      format: this.format === "syndisco-2.0" ? undefined : this.format,
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

// Turns a discussion's turn-manager seed into its moderator's: a different sequence, as reproducible.
const MODERATOR_SEED_SALT = 0x5bd1e995;
