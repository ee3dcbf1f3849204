import type { ChatMessage } from "../model/messages.js";
import { ActorType } from "./actor-type.js";

/** How a comment appears in the history that the next speaker (or an annotator) sees. */
export function formatComment(username: string, text: string): string {
  return `User ${username} posted:\n${text}`;
}

/** What an actor tells its model about itself; SynDisco's `describe()`. */
export interface ActorDescription {
  context: string;
  instructions: string;
  type: ActorType;
  persona: Record<string, unknown>;
}

/**
 * The chat an actor sends to its model: a system message with its description (as SynDisco, JSON), then
 * the recent comments and a cue to write the next one as itself (a participant) or the label (an annotator).
 * A `note` (for example why the previous answer was refused) goes just before the cue.
 */
export function buildActorPrompt(
  description: ActorDescription,
  username: string,
  history: readonly string[],
  note?: string,
): ChatMessage[] {
  const system: ChatMessage = { role: "system", content: JSON.stringify(description) };
  const noteLine = note ? `\n${note}` : "";
  const user: ChatMessage =
    description.type === ActorType.ANNOTATOR
      ? { role: "user", content: `Conversation so far:\n\n${history.join("\n")}${noteLine}\nOutput:` }
      : { role: "user", content: `${history.join("\n")}${noteLine}\nUser ${username} posted:` };
  return [system, user];
}

/**
 * Strings that end a participant's reply early: the point where a model starts writing the next comment.
 * Reply cleaning removes whatever slips past them.
 */
export const PARTICIPANT_STOP_STRINGS: readonly string[] = ["\nUser ", "###"];

/** Stop strings for annotators, which answer with a short label. */
export const ANNOTATOR_STOP_STRINGS: readonly string[] = ["\nUser ", "###", "\n\n"];
