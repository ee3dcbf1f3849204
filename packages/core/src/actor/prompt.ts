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

/** What {@link buildActorPrompt} needs. */
export interface ActorPromptParts {
  /** The system message: the actor's description as JSON, as SynDisco sends it. */
  systemPrompt: string;
  actorType: ActorType;
  username: string;
  /** The recent comments, each formatted by {@link formatComment}. */
  history: readonly string[];
  /** A line just before the cue, for example why the previous answer was refused. */
  note?: string | undefined;
}

/**
 * The chat an actor sends to its model: the system message, then the recent comments and a cue to write the
 * next one as itself (a participant) or the label (an annotator).
 */
export function buildActorPrompt({
  systemPrompt,
  actorType,
  username,
  history,
  note,
}: ActorPromptParts): ChatMessage[] {
  const noteLine = note ? `\n${note}` : "";
  const content =
    actorType === ActorType.ANNOTATOR
      ? `Conversation so far:\n\n${history.join("\n")}${noteLine}\nOutput:`
      : `${history.join("\n")}${noteLine}\nUser ${username} posted:`;
  return [
    { role: "system", content: systemPrompt },
    { role: "user", content },
  ];
}

/**
 * Strings that end a participant's reply early: the point where a model starts writing the next comment.
 * Reply cleaning removes whatever slips past them.
 */
export const PARTICIPANT_STOP_STRINGS: readonly string[] = ["\nUser ", "###"];

/** Stop strings for annotators, which answer with a short label. */
export const ANNOTATOR_STOP_STRINGS: readonly string[] = ["\nUser ", "###", "\n\n"];
