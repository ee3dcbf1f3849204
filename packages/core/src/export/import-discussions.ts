import { type DiscussionFile, parseDiscussionFile, type ReadDiscussionOptions } from "../formats/discussion-file.js";
import { importFolder } from "./import-folder.js";
import { messageId } from "./message-id.js";
import { personaColumns, personaOf } from "./persona-columns.js";
import { studyColumns } from "./study-columns.js";

/**
 * One comment of a discussion, with SynDisco's export columns, then, for a file of a study, one column per
 * factor (`factor_model`, …) holding its cell's level, then one column per persona attribute of its author
 * (`age`, `sex`, `personality_characteristics`, …).
 */
export interface DiscussionRow {
  /** The discussion's `id`. */
  conv_id: string;
  timestamp: string;
  /** `null` for a SynDisco 2.2 file, which does not record it. */
  ctx_length: number | null;
  /** The name of the folder that holds the discussion's file. */
  conv_variant: string;
  /** The comment's author. */
  user: string;
  message: string;
  /** The model that wrote the comment, or `hardcoded` for a seed opinion. */
  model: string;
  is_moderator: boolean;
  /** MD5 of `<conv_id>_<message>`, as SynDisco computes it. */
  message_id: string;
  /** The comment's 1-based position in its discussion. */
  message_order: number;
  [personaAttribute: string]: unknown;
}

/** The columns every discussion row has; the author's persona attributes come after them. */
export const DISCUSSION_COLUMNS: ReadonlySet<string> = new Set([
  "conv_id",
  "timestamp",
  "ctx_length",
  "conv_variant",
  "user",
  "message",
  "model",
  "is_moderator",
  "message_id",
  "message_order",
]);

/**
 * Flattens a folder of discussion files (ours, or upstream SynDisco 2.0's or 2.2's, in sub-folders too) into
 * one row per comment, files in path order and comments in discussion order. A 2.2 file's id is its file
 * name and its moderator the speaker `options.moderator` names, else the one whose prompt says it moderates
 * (see `parseDiscussionFile`). A 2.2 file we wrote is read with its sidecar `NAME.meta.json`, which holds its id,
 * moderator, personas and a study's levels.
 *
 * @throws {@link InputError} naming the folder when it is missing or holds no discussion files, or the
 *   file that is not a discussion file.
 */
export function importDiscussions(dir: string, options: ReadDiscussionOptions = {}): Promise<DiscussionRow[]> {
  return importFolder(dir, {
    noun: "discussion",
    writer: "a DiscussionExperiment",
    parse: (data, file, sidecar) => parseDiscussionFile(data, file, { ...options, sidecar }),
    rows: discussionRows,
  });
}

function discussionRows(discussion: DiscussionFile, variant: string): DiscussionRow[] {
  const personas = personasByName(discussion);
  const factors = studyColumns(discussion);
  return discussion.logs.map((entry, index) => ({
    conv_id: discussion.id,
    timestamp: discussion.timestamp,
    ctx_length: discussion.ctx_length,
    conv_variant: variant,
    user: entry.name,
    message: entry.text,
    model: entry.model,
    is_moderator: entry.name === discussion.moderator,
    message_id: messageId(discussion.id, entry.text),
    message_order: index + 1,
    ...factors,
    ...personaColumns(personas.get(entry.name), "", DISCUSSION_COLUMNS),
  }));
}

/**
 * Each participant's persona by name: its `username` (2.0), or the name at the same position in `users` (2.2,
 * whose actors are named apart from their personas); the moderator's comes from `moderator_prompt`.
 */
function personasByName(discussion: DiscussionFile): Map<string, Record<string, unknown>> {
  const byName = new Map<string, Record<string, unknown>>();
  const namedByUsers = discussion.format === "syndisco-2.2";
  const add = (persona: Record<string, unknown> | undefined, fallbackName: string | undefined) => {
    const username = typeof persona?.username === "string" ? persona.username : undefined;
    const name = namedByUsers ? (fallbackName ?? username) : (username ?? fallbackName);
    if (persona && name !== undefined) byName.set(name, persona);
  };
  discussion.user_prompts.forEach((prompt, index) => {
    add(personaOf(prompt), discussion.users[index]);
  });
  if (discussion.moderator !== null) add(personaOf(discussion.moderator_prompt), discussion.moderator);
  return byName;
}
