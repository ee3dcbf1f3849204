import type { FinishReason } from "../model/messages.js";
import { BoundedMap } from "../util/bounded-map.js";

/** What {@link cleanReply} needs to know about a reply. */
export interface CleanReplyContext {
  /** The username of the actor who wrote the reply. */
  speaker: string;
  /** Why generation ended; a reply cut by the token limit (`length`) is trimmed to its last sentence. */
  finishReason?: FinishReason;
}

// "User NAME posted:" as the comment history writes it; names are one token of non-space characters.
const COMMENT_HEADER = /User[ \t]+([^\s:]+)[ \t]+posted:/;
const SENTENCE_END = /[.!?…]["'”’)\]]*(?=\s|$)/g;
const QUOTE_PAIRS: Record<string, string> = { '"': '"', "“": "”", "«": "»" };

/**
 * Cleans a model's reply before it enters a discussion: removes an echoed `User NAME posted:` header of the
 * speaker, drops everything from the point where the model starts writing another participant's comment,
 * unwraps quotes that merely wrap the whole reply, trims a reply cut by the token limit to its last complete
 * sentence (where it has one), and trims whitespace. An empty result means the actor said nothing.
 */
export function cleanReply(raw: string, { speaker, finishReason }: CleanReplyContext): string {
  let text = stripOwnHeaders(raw.trim(), speaker);
  text = cutAtForeignComment(text).trim();
  if (finishReason === "length") text = trimToLastSentence(text);
  return unwrapQuotes(text).trim();
}

// One pattern per speaker, built once: cleaning runs on every turn. Bounded, since a long-lived process (a
// server, a study of many populations) meets ever new names; the most recent speakers stay.
/** @internal exported for its test. */
export const ownHeaderPatterns = new BoundedMap<string, RegExp>(1024);

function stripOwnHeaders(text: string, speaker: string): string {
  let ownHeader = ownHeaderPatterns.get(speaker);
  if (!ownHeader) {
    ownHeader = new RegExp(`^(?:User[ \\t]+)?${escapeRegExp(speaker)}(?:[ \\t]+posted)?[ \\t]*:\\s*`);
    ownHeaderPatterns.set(speaker, ownHeader);
  }
  let stripped = text;
  while (ownHeader.test(stripped)) stripped = stripped.replace(ownHeader, "");
  return stripped;
}

/** Everything before the first comment header: what follows is the model writing someone's next comment. */
function cutAtForeignComment(text: string): string {
  const match = COMMENT_HEADER.exec(text);
  return match ? text.slice(0, match.index) : text;
}

function trimToLastSentence(text: string): string {
  let end = -1;
  for (const match of text.matchAll(SENTENCE_END)) end = match.index + match[0].length;
  return end > 0 ? text.slice(0, end) : text;
}

function unwrapQuotes(text: string): string {
  const open = text[0];
  const close = open === undefined ? undefined : QUOTE_PAIRS[open];
  if (open === undefined || close === undefined) return text;
  const inner = text.slice(1);
  const closeAt = inner.indexOf(close);
  // A pair that wraps the whole reply, or an opening quote whose close the token limit cut off.
  if (closeAt === inner.length - 1 && !inner.slice(0, -1).includes(open)) return inner.slice(0, -1);
  if (closeAt === -1 && !inner.includes(open)) return inner;
  return text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
