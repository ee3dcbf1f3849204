import { createHash } from "node:crypto";
import { basename } from "node:path";
import { InputError } from "../errors.js";
import { fileFormatOf, neitherFormatError } from "./detect-format.js";
import { discussionWithSidecar } from "./sidecar-22.js";
import { DISCUSSION_20_REQUIRED, type DiscussionFile, parse20Discussion } from "./syndisco-20.js";
import {
  isAnnotation22,
  parse22File,
  readSystemPrompt22,
  type Syndisco22File,
  type Syndisco22LogEntry,
} from "./syndisco-22.js";

export type { AnnotationFile, DiscussionFile, DiscussionLogEntry, FileFormat } from "./syndisco-20.js";

/** Options of {@link parseDiscussionFile}. */
export interface ReadDiscussionOptions {
  /**
   * The moderator's name. SynDisco 2.2 files do not say who moderates: without this, the one speaker whose
   * prompt calls it a moderator (`"You are a moderator…"`) is taken. For a 2.0 file it replaces the file's
   * `moderator`.
   */
  moderator?: string;
}

/** Options of {@link parseDiscussionFile} for one file. */
export interface ParseDiscussionOptions extends ReadDiscussionOptions {
  /**
   * The parsed `NAME.meta.json` beside the file, when there is one: what a SynDisco 2.2 file we wrote has no
   * room for (its id, users, prompts, moderator, provenance). Ignored for a SynDisco 2.0 file.
   */
  sidecar?: unknown;
}

/** The seed comments' model name, in both generations. */
const SEED_MODEL = "hardcoded";
/** An instruction or context that makes its speaker the moderator: "You are a moderator", "Act as the moderator". */
const MODERATOR_ROLE = /\b(?:you are|you're|act as|acting as|play|playing|as)\s+(?:a|an|the)\s+moderator\b/i;

/**
 * Reads a parsed discussion file of either generation into one shape, SynDisco 2.0's keys
 * ({@link DiscussionFile}), so every reader works on both. The generation is judged from the content.
 *
 * A SynDisco 2.2 file (`timestamp` and `logs` with each speaker's `prompt`) becomes: `id` from the file's
 * `id`, else its file name without `.json`; `users` the speakers in order of their first comment;
 * `user_prompts` each speaker's system prompt read as `{context, instructions, type, persona}` (a seed author's
 * from its seed comment only when it never speaks otherwise); `moderator` as
 * {@link ReadDiscussionOptions.moderator} says; `ctx_length` `null` (not recorded); `logs` as they are;
 * `format: "syndisco-2.2"`. With the sidecar of a 2.2 file we wrote, the discussion is instead exactly what
 * our SynDisco 2.0 file would hold, each comment with its `prompt`, and `format: "syndisco-2.2"`.
 *
 * @param file - the file's path, for messages and for the id of a 2.2 file.
 * @throws {@link InputError} naming the file, and the keys missing, when it fits neither generation.
 */
export function parseDiscussionFile(
  data: unknown,
  file?: string,
  options: ParseDiscussionOptions = {},
): DiscussionFile {
  const format = fileFormatOf(data, "discussion");
  if (format === "syndisco-2.0") {
    const discussion = parse20Discussion(data, file);
    return options.moderator === undefined ? discussion : { ...discussion, moderator: options.moderator };
  }
  if (format === "syndisco-2.2") {
    const parsed = parse22File(data, "discussion", file);
    if (isAnnotation22(parsed)) {
      throw new InputError(
        "this is a SynDisco 2.2 annotation file (every prompt is an annotator's), not a discussion",
        {
          ...(file ? { file } : {}),
          fix: "Pass it where annotations are read",
        },
      );
    }
    if (options.sidecar !== undefined) {
      const discussion = discussionWithSidecar(parsed, options.sidecar, file ?? "discussion.json");
      return options.moderator === undefined ? discussion : { ...discussion, moderator: options.moderator };
    }
    return discussionFrom22(parsed, (data as { id?: unknown }).id, file, options);
  }
  throw neitherFormatError(data, "discussion", DISCUSSION_20_REQUIRED, file);
}

function discussionFrom22(
  parsed: Syndisco22File,
  givenId: unknown,
  file: string | undefined,
  options: ReadDiscussionOptions,
): DiscussionFile {
  const prompts = speakerPrompts(parsed.logs);
  const users = [...prompts.keys()];
  const moderator = options.moderator ?? moderatorOf(prompts);
  const describe = (name: string) => {
    const prompt = prompts.get(name);
    return readSystemPrompt22(prompt) ?? prompt ?? null;
  };
  return {
    id: typeof givenId === "string" || typeof givenId === "number" ? String(givenId) : idOf(parsed, file),
    timestamp: parsed.timestamp,
    users,
    moderator,
    user_prompts: users.map(describe),
    moderator_prompt: moderator === null ? null : describe(moderator),
    ctx_length: null,
    logs: parsed.logs.map((entry) => ({ ...entry })),
    format: "syndisco-2.2",
  };
}

/** Each speaker's system prompt, speakers in order of their first comment; a seed prompt only as a fallback. */
function speakerPrompts(logs: readonly Syndisco22LogEntry[]): Map<string, string | undefined> {
  const prompts = new Map<string, string | undefined>();
  for (const entry of logs) if (!prompts.has(entry.name)) prompts.set(entry.name, undefined);
  for (const entry of logs) {
    if (entry.model !== SEED_MODEL && prompts.get(entry.name) === undefined) prompts.set(entry.name, entry.prompt);
  }
  for (const entry of logs) if (prompts.get(entry.name) === undefined) prompts.set(entry.name, entry.prompt);
  return prompts;
}

/** The one speaker whose prompt makes it the moderator; `null` when none or several do. */
function moderatorOf(prompts: ReadonlyMap<string, string | undefined>): string | null {
  const moderators = [...prompts].filter(([, prompt]) => {
    const read = readSystemPrompt22(prompt);
    return read !== undefined && (MODERATOR_ROLE.test(read.instructions) || MODERATOR_ROLE.test(read.context));
  });
  return moderators.length === 1 ? (moderators[0]?.[0] ?? null) : null;
}

/** A 2.2 discussion's id: its file name without `.json`, or a hash of its content when there is no file. */
function idOf(parsed: Syndisco22File, file: string | undefined): string {
  if (file !== undefined) return basename(file).replace(/\.json$/i, "");
  return createHash("sha256").update(JSON.stringify(parsed)).digest("hex").slice(0, 32);
}
