import { z } from "zod";
import { InputError } from "../errors.js";

/** One comment as SynDisco logs it, plus what we know about how it was made. */
export interface DiscussionLogEntry {
  name: string;
  text: string;
  /** The model's name, or `"hardcoded"` for a seed opinion. */
  model: string;
  /** The speaker's system prompt, as SynDisco 2.2 stores it with every comment. */
  prompt?: string;
  /** Our additions; SynDisco's tools ignore them. */
  prompt_tokens?: number;
  completion_tokens?: number;
  finish_reason?: string;
  latency_ms?: number;
  [extra: string]: unknown;
}

/**
 * A discussion with SynDisco 2.0's keys and meaning, then ours. It is also the one shape every reader gets,
 * whichever generation the file was: see {@link parseDiscussionFile}.
 */
export interface DiscussionFile {
  id: string;
  timestamp: string;
  users: string[];
  moderator: string | null;
  user_prompts: unknown[];
  moderator_prompt: unknown;
  /** How many comments each speaker saw; `null` for a SynDisco 2.2 file, which does not record it. */
  ctx_length: number | null;
  logs: DiscussionLogEntry[];
  /** `"syndisco-2.2"` when the discussion was read from a 2.2 file; absent for 2.0 files. */
  format?: FileFormat;
  [extra: string]: unknown;
}

/** An annotation with SynDisco 2.0's keys, `logs` as `[comment, annotation]` pairs. */
export interface AnnotationFile {
  conv_id: string;
  timestamp: string;
  annotator_model: string;
  annotator_prompt: unknown;
  /** How many comments the annotator saw; `null` for a SynDisco 2.2 file, which does not record it. */
  ctx_length: number | null;
  logs: [string, string][];
  /** `"syndisco-2.2"` when the annotation was read from a 2.2 file; absent for 2.0 files. */
  format?: FileFormat;
  [extra: string]: unknown;
}

/** The two generations of SynDisco's files that we read (and write). */
export type FileFormat = "syndisco-2.0" | "syndisco-2.2";

const logEntrySchema = z.looseObject({ name: z.string(), text: z.string(), model: z.string() });

const discussionSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  timestamp: z.string(),
  users: z.array(z.string()),
  moderator: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  user_prompts: z.array(z.unknown()),
  moderator_prompt: z.unknown().optional(),
  ctx_length: z.number(),
  logs: z.array(logEntrySchema),
});

const annotationSchema = z.looseObject({
  conv_id: z.union([z.string(), z.number()]).transform(String),
  timestamp: z.string(),
  annotator_model: z.string(),
  annotator_prompt: z.unknown(),
  ctx_length: z.number(),
  logs: z.array(z.tuple([z.string(), z.string()])),
});

/** The keys a SynDisco 2.0 discussion file must have. */
export const DISCUSSION_20_REQUIRED = ["id", "timestamp", "users", "user_prompts", "ctx_length", "logs"] as const;
/** The keys a SynDisco 2.0 annotation file must have. */
export const ANNOTATION_20_REQUIRED = [
  "conv_id",
  "timestamp",
  "annotator_model",
  "annotator_prompt",
  "ctx_length",
  "logs",
] as const;

/** Checks a SynDisco 2.0 discussion file. @throws {@link InputError} naming the file and the first bad field. */
export function parse20Discussion(data: unknown, file: string | undefined): DiscussionFile {
  const result = discussionSchema.safeParse(data);
  if (!result.success) throw fileShapeError(result.error, data, DISCUSSION_20_REQUIRED, "discussion", file);
  return result.data as DiscussionFile;
}

/** Checks a SynDisco 2.0 annotation file. @throws {@link InputError} naming the file and the first bad field. */
export function parse20Annotation(data: unknown, file: string | undefined): AnnotationFile {
  const result = annotationSchema.safeParse(data);
  if (!result.success) throw fileShapeError(result.error, data, ANNOTATION_20_REQUIRED, "annotation", file);
  return result.data as AnnotationFile;
}

function fileShapeError(
  error: z.ZodError,
  data: unknown,
  required: readonly string[],
  kind: string,
  file: string | undefined,
): InputError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || undefined;
  const missing = typeof data === "object" && data !== null ? required.filter((key) => !(key in data)) : [];
  const reason = missing.length > 0 ? `missing keys: ${missing.join(", ")}` : (issue?.message ?? "unexpected shape");
  return new InputError(`not a SynDisco 2.0 ${kind} file (${reason})`, {
    ...(file ? { file } : {}),
    ...(field ? { field } : {}),
    fix: `Point SynDisco at a folder that holds only ${kind} files`,
  });
}
