import { randomUUID } from "node:crypto";
import type { Actor, ActorReply } from "../actor/actor.js";
import { formatComment } from "../actor/prompt.js";
import type { DiscussionFile, DiscussionLogEntry } from "../formats/discussion-file.js";
import { getLogger } from "../logging/logger.js";
import { randomSeed } from "../random.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import { rejectUnknownOptions } from "../util/known-options.js";
import { syndiscoTimestamp } from "../util/timestamp.js";
import { VERSION } from "../version.js";
import type { BeginOptions, DiscussionComment, DiscussionEndReason, DiscussionOptions } from "./discussion-options.js";
import { DISCUSSION_OPTIONS } from "./discussion-options.js";
import { History } from "./history.js";
import { Moderation } from "./moderation.js";
import { indexParticipants, pickSpeaker } from "./participants.js";
import { seedThread } from "./seed-thread.js";
import { requireWholeNumber } from "./validate.js";
import { type OutputFileOptions, writeOutputFile } from "./write-output.js";

const logger = getLogger("discussion");

/** The model name SynDisco writes for a seed opinion. */
export const HARDCODED_MODEL = "hardcoded";

export type { BeginOptions, DiscussionComment, DiscussionEndReason, DiscussionOptions } from "./discussion-options.js";

/**
 * A discussion between actors: the turn manager names each speaker, who sees the recent comments and
 * replies; a moderator, if any, answers every participant's comment.
 *
 * Run it whole with {@link Discussion.begin}, or one comment at a time with `for await`.
 *
 * @example
 * ```ts
 * const discussion = new Discussion({ nextTurnManager: new RoundRobin(), users: actors, moderator });
 * await discussion.begin();
 * await discussion.toJsonFile("discussion.json");
 * ```
 */
export class Discussion implements AsyncIterable<DiscussionComment> {
  readonly id: string;
  readonly users: readonly Actor[];
  readonly moderator: Actor | undefined;
  readonly historyContextLen: number;
  readonly convLen: number;
  /** The seed comments that open the discussion, in order (empty when there are none). */
  readonly seedOpinions: readonly string[];
  /** Who wrote each seed comment. */
  readonly seedOpinionUsernames: readonly string[];
  readonly #turnManager: TurnManager;
  readonly #actorsByName: ReadonlyMap<string, Actor>;
  readonly #metadata: Record<string, unknown>;
  readonly #moderation: Moderation | undefined;
  readonly #endAfterSilentTurns: number | undefined;
  #endReason: DiscussionEndReason | undefined;
  readonly #logs: DiscussionLogEntry[] = [];
  readonly #history: History;
  #startedAt: Date | undefined;
  #finishedAt: Date | undefined;

  constructor(options: DiscussionOptions) {
    rejectUnknownOptions(options, DISCUSSION_OPTIONS, "Discussion");
    const {
      nextTurnManager,
      users,
      moderator,
      historyContextLen = 5,
      convLen = 5,
      seedOpinion,
      seedOpinionUsername,
      seedOpinions,
      seedOpinionUsernames,
      moderatorPolicy = "always",
      moderatorSeed = randomSeed(),
      endAfterSilentTurns,
      id = randomUUID(),
      metadata = {},
    } = options;
    requireWholeNumber(convLen, "convLen", 1);
    requireWholeNumber(historyContextLen, "historyContextLen", 0);
    if (endAfterSilentTurns !== undefined) requireWholeNumber(endAfterSilentTurns, "endAfterSilentTurns", 1);
    this.#actorsByName = indexParticipants(users, moderator);
    const seeds = seedThread({ seedOpinion, seedOpinionUsername, seedOpinions, seedOpinionUsernames });
    this.seedOpinions = seeds.map((seed) => seed.text);
    this.seedOpinionUsernames = seeds.map((seed) => seed.name);
    this.id = id;
    this.users = [...users];
    this.moderator = moderator;
    this.historyContextLen = historyContextLen;
    this.convLen = convLen;
    this.#metadata = metadata;
    this.#moderation = moderator ? new Moderation(moderator, moderatorPolicy, moderatorSeed) : undefined;
    this.#endAfterSilentTurns = endAfterSilentTurns;
    this.#history = new History(historyContextLen);
    this.#turnManager = nextTurnManager;
    this.#turnManager.setNames(this.users.map((user) => user.getName()));
  }

  /** The first seed comment, or `""` (SynDisco 2.0's single seed opinion). */
  get seedOpinion(): string {
    return this.seedOpinions[0] ?? "";
  }

  /** Who wrote the first seed comment, or `""`. */
  get seedOpinionUsername(): string {
    return this.seedOpinionUsernames[0] ?? "";
  }

  /** Why the discussion ended, once it has. */
  get endReason(): DiscussionEndReason | undefined {
    return this.#endReason;
  }

  /** The comments so far, as they go into the file. */
  get logs(): readonly DiscussionLogEntry[] {
    return this.#logs;
  }

  /** Runs the discussion to its end. A discussion runs once; create a new one to run again. */
  async begin({ verbose = true, signal }: BeginOptions = {}): Promise<void> {
    for await (const comment of this.#run(signal)) {
      if (verbose) console.log(`${formatComment(comment.name, comment.text)}\n`);
    }
  }

  /** Runs the discussion, yielding each comment (the seed opinion and the moderator's included). */
  [Symbol.asyncIterator](): AsyncIterator<DiscussionComment> {
    return this.#run(undefined);
  }

  /** Like iterating the discussion, with a signal that stops it. */
  comments({ signal }: { signal?: AbortSignal } = {}): AsyncIterable<DiscussionComment> {
    return { [Symbol.asyncIterator]: () => this.#run(signal) };
  }

  /** The discussion as SynDisco's JSON: its keys with its meaning, then ours. */
  toDict(): DiscussionFile {
    return {
      id: this.id,
      timestamp: syndiscoTimestamp(this.#finishedAt ?? new Date()),
      users: this.users.map((user) => user.getName()),
      moderator: this.moderator?.getName() ?? null,
      user_prompts: this.users.map((user) => user.describe()),
      moderator_prompt: this.moderator?.describe() ?? null,
      ctx_length: this.historyContextLen,
      logs: this.#logs.map((entry) => ({ ...entry })),
      conv_len: this.convLen,
      seed_opinion: this.seedOpinion || null,
      seed_opinion_user: this.seedOpinionUsername || null,
      ...(this.seedOpinions.length > 1
        ? { seed_opinions: [...this.seedOpinions], seed_opinion_users: [...this.seedOpinionUsernames] }
        : {}),
      turn_manager: this.#turnManager.describe(),
      ...this.#moderation?.describe(),
      end_reason: this.#endReason ?? null,
      started_at: this.#startedAt?.toISOString() ?? null,
      finished_at: this.#finishedAt?.toISOString() ?? null,
      syndisco_version: VERSION,
      ...this.#metadata,
    };
  }

  /**
   * Writes {@link Discussion.toDict} to a file, whole or not at all; never replaces a file unless told to.
   * With `format: "syndisco-2.2"` the file holds exactly what SynDisco 2.2 writes and the rest goes to its
   * sidecar `NAME.meta.json`.
   */
  async toJsonFile(path: string, options?: OutputFileOptions): Promise<void> {
    await writeOutputFile(path, "discussion", this.toDict(), options);
  }

  async *#run(signal: AbortSignal | undefined): AsyncGenerator<DiscussionComment> {
    if (this.#startedAt) throw new Error("this discussion has already run; create a new Discussion to run another");
    this.#startedAt = new Date();
    for (const [index, text] of this.seedOpinions.entries()) {
      yield this.#record(this.seedOpinionUsernames[index] as string, text, HARDCODED_MODEL, -1, undefined);
    }
    // Whoever wrote the last seed comment does not also take the first turn, replying to himself.
    const lastSeedAuthor = this.seedOpinionUsernames.at(-1);
    if (lastSeedAuthor !== undefined) this.#turnManager.avoidFirst(lastSeedAuthor);
    this.#endReason = "turns";
    let silentTurns = 0;
    for (let turn = 0; turn < this.convLen; turn++) {
      signal?.throwIfAborted();
      const speaker = pickSpeaker(this.#turnManager, this.#actorsByName, {
        lastName: this.#logs.at(-1)?.name,
        moderatorName: this.moderator?.getName(),
      });
      const reply = speaker ? await this.#ask(speaker, signal) : undefined;
      if (!speaker || !reply?.text) {
        logger.debug({ discussion: this.id, speaker: speaker?.getName(), turn }, "a turn without a comment");
        silentTurns += 1;
        if (silentTurns === this.#endAfterSilentTurns) {
          this.#endReason = "silence";
          break;
        }
        continue;
      }
      silentTurns = 0;
      yield this.#record(speaker.getName(), reply.text, speaker.model.name, turn, reply);
      if (!this.#moderation || speaker === this.moderator) continue;
      const moderator = this.#moderation.moderator;
      const outcome = await this.#moderation.afterComment(turn, {
        history: this.#history.recent(),
        sessionKey: this.#sessionKey(moderator),
        signal,
      });
      if (outcome.reply?.text) {
        yield this.#record(moderator.getName(), outcome.reply.text, moderator.model.name, turn, outcome.reply);
      }
      if (outcome.end) {
        this.#endReason = "moderator";
        break;
      }
    }
    this.#finishedAt = new Date();
  }

  #ask(actor: Actor, signal: AbortSignal | undefined): Promise<ActorReply> {
    return actor.respond(this.#history.recent(), { sessionKey: this.#sessionKey(actor), signal });
  }

  #sessionKey(actor: Actor): string {
    return `${this.id}/${actor.getName()}`;
  }

  #record(name: string, text: string, model: string, turn: number, reply: ActorReply | undefined): DiscussionComment {
    const entry: DiscussionLogEntry = { name, text, model };
    if (reply?.promptTokens !== undefined) entry.prompt_tokens = reply.promptTokens;
    if (reply?.completionTokens !== undefined) entry.completion_tokens = reply.completionTokens;
    if (reply?.finishReason !== undefined) entry.finish_reason = reply.finishReason;
    if (reply) entry.latency_ms = Math.round(reply.latencyMs);
    this.#logs.push(entry);
    this.#history.add({ name, text });
    // New keys before the spread (see BaseModel.prompt for why the order matters).
    return { turn, isModerator: name === this.moderator?.getName(), ...entry };
  }
}
