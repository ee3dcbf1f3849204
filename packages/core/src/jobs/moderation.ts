import type { Actor, ActorReply } from "../actor/actor.js";
import type { HistoryComment } from "../actor/prompt-22.js";
import { askModeratorDecision, type ModeratorDecision } from "./moderator-decision.js";
import {
  describeModeratorPolicy,
  type ModeratorPolicy,
  ModeratorSchedule,
  type PolicyVerdict,
} from "./moderator-policy.js";

/** One potential intervention of the moderator, as the discussion file records it. */
export interface ModeratorTurnRecord {
  /** The participant turn (0-based) after whose comment the moderator could speak. */
  turn: number;
  /** What the policy said: speak, skip, or ask the moderator (`decide`). */
  policy: PolicyVerdict;
  /** Under `decide`: the moderator's answer, its raw text, and whether it was a valid answer. */
  decision?: ModeratorDecision;
  decision_text?: string;
  decision_valid?: boolean;
  decision_prompt_tokens?: number;
  decision_completion_tokens?: number;
  /** Whether the moderator wrote a (non-empty) comment. */
  intervened: boolean;
}

/** What the moderator did after one comment. */
export interface ModerationOutcome {
  /** The moderator's reply when it was asked to write one (its text may be empty: silence). */
  reply: ActorReply | undefined;
  /** The moderator decided that the discussion is over. */
  end: boolean;
}

/** How the moderator's calls are made: the recent comments, the session key and the signal. */
export interface ModerationCall {
  history: readonly HistoryComment[];
  sessionKey: string;
  signal: AbortSignal | undefined;
}

/**
 * The moderator of one discussion under its policy: after each participant comment it speaks, stays silent, or
 * (under `decide`) first asks its model whether to speak, and it records every potential intervention.
 */
export class Moderation {
  readonly moderator: Actor;
  readonly #schedule: ModeratorSchedule;
  readonly #turns: ModeratorTurnRecord[] = [];

  constructor(moderator: Actor, policy: ModeratorPolicy, seed: number) {
    this.moderator = moderator;
    this.#schedule = new ModeratorSchedule(policy, seed);
  }

  /** The policy and every potential intervention so far, for the discussion file. */
  describe(): { moderator_policy: Record<string, unknown>; moderator_turns: ModeratorTurnRecord[] } {
    return {
      moderator_policy: describeModeratorPolicy(this.#schedule.policy),
      moderator_turns: this.#turns.map((record) => ({ ...record })),
    };
  }

  /** Lets the moderator act after the comment of participant turn `turn`. */
  async afterComment(turn: number, { history, sessionKey, signal }: ModerationCall): Promise<ModerationOutcome> {
    const verdict = this.#schedule.next();
    const record: ModeratorTurnRecord = { turn, policy: verdict, intervened: false };
    this.#turns.push(record);
    if (verdict === "skip") return { reply: undefined, end: false };
    if (verdict === "ask") {
      const answer = await askModeratorDecision(this.moderator, history, { signal, sessionKey });
      record.decision = answer.decision;
      record.decision_text = answer.rawText;
      record.decision_valid = answer.valid;
      if (answer.promptTokens !== undefined) record.decision_prompt_tokens = answer.promptTokens;
      if (answer.completionTokens !== undefined) record.decision_completion_tokens = answer.completionTokens;
      if (answer.decision !== "yes") return { reply: undefined, end: answer.decision === "end" };
    }
    const reply = await this.moderator.respond(history, { sessionKey, signal });
    // An empty or whitespace-only reply is silence: it is not a comment and does not enter the history.
    record.intervened = reply.text.trim() !== "";
    return { reply, end: false };
  }
}
