import type { ChatMessage } from "../model/messages.js";
import { ANNOTATOR_STOP_STRINGS, PARTICIPANT_STOP_STRINGS } from "./prompt.js";
import { pythonJsonDumps } from "./python-json.js";

/** The prompt styles an actor can speak with: this library's (SynDisco 2.0's) or SynDisco 2.2's. */
export type PromptStyle = "2.0" | "2.2";

/** A comment of the history before it is formatted for a speaker's prompt style. */
export interface HistoryComment {
  name: string;
  text: string;
}

/** What SynDisco 2.2's system prompt holds, in its key order. */
export interface Actor22Description {
  context: string;
  instructions: string;
  type: "user" | "annotator";
  persona: Record<string, unknown>;
}

// In the 2.2 style a reply should also stop where the model starts the next `Comment by user NAME:` entry.
const STOP_STRINGS_22 = {
  participant: ["\nComment by user ", ...PARTICIPANT_STOP_STRINGS],
  annotator: ["\nComment by user ", ...ANNOTATOR_STOP_STRINGS],
};

/** Where an actor's reply should end early: where its model starts writing the next comment of the history. */
export function stopStrings(isAnnotator: boolean, style: PromptStyle): readonly string[] {
  if (style === "2.2") return isAnnotator ? STOP_STRINGS_22.annotator : STOP_STRINGS_22.participant;
  return isAnnotator ? ANNOTATOR_STOP_STRINGS : PARTICIPANT_STOP_STRINGS;
}

/** SynDisco 2.2's system prompt: the description as Python's `json.dumps` writes it. */
export function systemPrompt22(description: Actor22Description): string {
  const { context, instructions, type, persona } = description;
  return pythonJsonDumps({ context, instructions, type, persona });
}

/** How SynDisco 2.2 shows a comment in the history: `Comment by user NAME: "`, a newline, the comment, `"`. */
export function formatComment22(name: string, text: string): string {
  return `Comment by user ${name}: "\n${text}"`;
}

/**
 * The two messages SynDisco 2.2 sends: the system prompt, and a user message whose content is the JSON text of
 * `{"role": "user", "content": "Comments so far: H.\nYour comment:"}` (`Your annotation:` for annotators),
 * where H is the history joined by newlines, or `<None>` when it is empty.
 */
export function buildActorPrompt22(
  systemPrompt: string,
  isAnnotator: boolean,
  history: readonly string[],
): ChatMessage[] {
  const comments = history.length > 0 ? history.join("\n") : "<None>";
  const cue = isAnnotator ? "Your annotation:" : "Your comment:";
  return [
    { role: "system", content: systemPrompt },
    { role: "user", content: pythonJsonDumps({ role: "user", content: `Comments so far: ${comments}.\n${cue}` }) },
  ];
}
