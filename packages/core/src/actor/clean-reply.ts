import type { FinishReason } from "../model/messages.js";
import { BoundedMap } from "../util/bounded-map.js";
import type { PromptStyle } from "./prompt-22.js";

/** What {@link cleanReply} needs to know about a reply. */
export interface CleanReplyContext {
  /** The username of the actor who wrote the reply. */
  speaker: string;
  /** Why generation ended; a reply cut by the token limit (`length`) is trimmed to its last sentence. */
  finishReason?: FinishReason;
  /**
   * The prompt style the reply answered, which decides what an echoed header looks like: `User NAME posted:`
   * (`"2.0"`, the default) or `Comment by user NAME: "` (`"2.2"`).
   */
  promptStyle?: PromptStyle;
}

// A comment header as each style's history writes it: "User NAME posted:" (names are one token of non-space
// characters) and SynDisco 2.2's "Comment by user NAME:" (names may hold spaces, never a newline).
const COMMENT_HEADERS: Record<PromptStyle, RegExp> = {
  "2.0": /User[ \t]+([^\s:]+)[ \t]+posted:/,
  "2.2": /Comment by user[ \t]+([^\n:]+):/,
};
const SENTENCE_END = /[.!?…]["'”’)\]]*(?=\s|$)/g;
const QUOTE_PAIRS: Record<string, string> = { '"': '"', "“": "”", "«": "»" };

/**
 * Cleans a model's reply before it enters a discussion: removes an echoed header of the speaker (`User NAME
 * posted:`, or in the 2.2 style `Comment by user NAME: "` with the quote that closes it), drops everything
 * from the point where the model starts writing another participant's comment, unwraps quotes that merely
 * wrap the whole reply, trims a reply cut by the token limit to its last complete sentence (where it has
 * one), and trims whitespace. An empty result means the actor said nothing.
 */
export function cleanReply(raw: string, { speaker, finishReason, promptStyle = "2.0" }: CleanReplyContext): string {
  const { text: unheaded, openQuote } = stripOwnHeaders(raw.trim(), speaker, promptStyle);
  let text = cutAtForeignComment(unheaded, promptStyle).trim();
  // 2.2's header opens a quote that the comment's end closes: `Comment by user NAME: "` … `"`.
  if (openQuote && text.endsWith('"') && !text.slice(0, -1).includes('"')) text = text.slice(0, -1).trim();
  if (finishReason === "length") text = trimToLastSentence(text);
  return unwrapQuotes(text).trim();
}

// One pattern per speaker and style, built once: cleaning runs on every turn. Bounded, since a long-lived
// process (a server, a study of many populations) meets ever new names; the most recent speakers stay.
/** @internal exported for its test. */
export const ownHeaderPatterns = new BoundedMap<string, RegExp>(1024);

function ownHeaderPattern(speaker: string, style: PromptStyle): RegExp {
  const key = `${style}\u0000${speaker}`;
  let pattern = ownHeaderPatterns.get(key);
  if (!pattern) {
    const name = escapeRegExp(speaker);
    pattern =
      style === "2.2"
        ? new RegExp(`^(?:Comment by user[ \\t]+)?${name}[ \\t]*:[ \\t]*("?)\\s*`)
        : new RegExp(`^(?:User[ \\t]+)?${name}(?:[ \\t]+posted)?[ \\t]*:\\s*`);
    ownHeaderPatterns.set(key, pattern);
  }
  return pattern;
}

/** The text without the speaker's echoed headers, and whether one of them opened a quote (2.2's). */
function stripOwnHeaders(text: string, speaker: string, style: PromptStyle): { text: string; openQuote: boolean } {
  const ownHeader = ownHeaderPattern(speaker, style);
  let stripped = text;
  let openQuote = false;
  for (let match = ownHeader.exec(stripped); match; match = ownHeader.exec(stripped)) {
    openQuote ||= match[1] === '"';
    stripped = stripped.slice(match[0].length);
  }
  return { text: stripped, openQuote };
}

/** Everything before the first comment header: what follows is the model writing someone's next comment. */
function cutAtForeignComment(text: string, style: PromptStyle): string {
  const match = COMMENT_HEADERS[style].exec(text);
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
