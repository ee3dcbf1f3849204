import type { Actor } from "../actor/actor.js";
import { formatComment } from "../actor/prompt.js";
import type { HistoryComment } from "../actor/prompt-22.js";
import { type AnswerForm, answerJsonSchema, describeAnswerForm } from "../answers/answer-form.js";
import { parseAnswer } from "../answers/parse-answer.js";
import type { ModelReply } from "../model/messages.js";

/** What a deciding moderator answered: yes (write a comment), no (stay silent), or end the discussion. */
export type ModeratorDecision = "yes" | "no" | "end";

const DECISION_FORM: AnswerForm = { type: "label", labels: ["yes", "no", "end"] };
const DECISION_SCHEMA = answerJsonSchema(DECISION_FORM);
// A yes/no/end answer is a handful of tokens; the constrained JSON around it a few more.
const DECISION_TOKENS = 16;

/** The question a deciding moderator answers before each potential intervention. */
export const DECISION_QUESTION =
  "You are the moderator. Should you intervene now? Answer yes to write a comment, no to let the participants " +
  "go on, or end if the discussion has run its course.";

/** A moderator's answer to the decision question, with what the call cost. */
export interface DecisionAnswer {
  decision: ModeratorDecision;
  /** The model's reply as written. */
  rawText: string;
  /** Whether the reply was one of the three answers; an invalid reply counts as `no`. */
  valid: boolean;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs: number;
}

/**
 * Asks the moderator whether to intervene, given the recent comments. The answer is constrained to one of three
 * labels where the backend can, and checked everywhere; anything else is taken as silence, so that a model that
 * cannot answer never makes the moderator speak.
 */
export async function askModeratorDecision(
  moderator: Actor,
  history: readonly HistoryComment[],
  { signal, sessionKey }: { signal?: AbortSignal | undefined; sessionKey?: string | undefined },
): Promise<DecisionAnswer> {
  const startedAt = performance.now();
  const reply: ModelReply = await moderator.model.prompt(
    [
      { role: "system", content: moderator.systemPrompt },
      {
        role: "user",
        content: `${history.map((comment) => formatComment(comment.name, comment.text)).join("\n")}\n${DECISION_QUESTION} ${describeAnswerForm(DECISION_FORM)}\nAnswer:`,
      },
    ],
    { signal, sessionKey, responseSchema: DECISION_SCHEMA, maxOutTokens: DECISION_TOKENS },
  );
  const parsed = parseAnswer(DECISION_FORM, reply.text);
  const answer: DecisionAnswer = {
    decision: parsed.valid ? (parsed.value as ModeratorDecision) : "no",
    rawText: reply.text,
    valid: parsed.valid,
    latencyMs: performance.now() - startedAt,
  };
  if (reply.promptTokens !== undefined) answer.promptTokens = reply.promptTokens;
  if (reply.completionTokens !== undefined) answer.completionTokens = reply.completionTokens;
  return answer;
}
