import type { Actor, RespondOptions } from "../actor/actor.js";
import type { HistoryComment } from "../actor/prompt-22.js";
import { type AnswerValue, describeAnswerForm } from "../answers/answer-form.js";
import { parseAnswer } from "../answers/parse-answer.js";

/** An annotator's answer to one comment, after any retries. */
export interface AnnotatorAnswer {
  /** The last reply, as the model wrote it (after reply cleaning). */
  text: string;
  /** The parsed value; `null` when the annotator has no answer form or never gave a valid answer. */
  value: AnswerValue | null;
  /** Whether the answer fits the form; `undefined` when the annotator has no form. */
  valid: boolean | undefined;
  /** Why the last answer was refused. */
  error: string | undefined;
  /** Every reply, when there was more than one attempt. */
  attempts: string[];
  promptTokens: number | undefined;
  /** Prompt tokens the backend evaluated (the rest came from its cache), where it says. */
  evaluatedPromptTokens: number | undefined;
  completionTokens: number | undefined;
  latencyMs: number;
}

/**
 * Asks an annotator about the comments in `history`. With an answer form, the form is described to the model,
 * and an answer that does not fit is asked again (telling the model why) up to `retries` times, then kept as
 * invalid with its raw text: an unusable answer never stops an annotation.
 */
export async function askAnnotator(
  annotator: Actor,
  history: readonly (string | HistoryComment)[],
  retries: number,
  options: Omit<RespondOptions, "note">,
): Promise<AnnotatorAnswer> {
  const form = annotator.answerForm;
  const answer: AnnotatorAnswer = {
    text: "",
    value: null,
    valid: undefined,
    error: undefined,
    attempts: [],
    promptTokens: undefined,
    evaluatedPromptTokens: undefined,
    completionTokens: undefined,
    latencyMs: 0,
  };
  let note = form ? describeAnswerForm(form) : undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const reply = await annotator.respond(history, note ? { note, ...options } : options);
    answer.text = reply.text;
    answer.attempts.push(reply.text);
    answer.latencyMs += reply.latencyMs;
    answer.promptTokens = addCount(answer.promptTokens, reply.promptTokens);
    answer.evaluatedPromptTokens = addCount(answer.evaluatedPromptTokens, reply.evaluatedPromptTokens);
    answer.completionTokens = addCount(answer.completionTokens, reply.completionTokens);
    if (!form) return answer;
    const parsed = parseAnswer(form, reply.text);
    answer.valid = parsed.valid;
    answer.value = parsed.valid ? parsed.value : null;
    answer.error = parsed.valid ? undefined : parsed.error;
    if (parsed.valid) return answer;
    note = `Your previous answer ${JSON.stringify(reply.text.slice(0, 200))} was not valid: ${parsed.error}. ${describeAnswerForm(form)}`;
  }
  return answer;
}

function addCount(total: number | undefined, count: number | undefined): number | undefined {
  return count === undefined ? total : (total ?? 0) + count;
}
