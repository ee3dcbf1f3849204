import { z } from "zod";
import { InputError } from "../errors.js";

/** One comment as SynDisco logs it, plus what we know about how it was made. */
export interface DiscussionLogEntry {
  name: string;
  text: string;
  /** The model's name, or `"hardcoded"` for a seed opinion. */
  model: string;
  /** Our additions; SynDisco's tools ignore them. */
  prompt_tokens?: number;
  completion_tokens?: number;
  finish_reason?: string;
  latency_ms?: number;
  [extra: string]: unknown;
}

/** A discussion file: SynDisco's keys with SynDisco's meaning, then ours. */
export interface DiscussionFile {
  id: string;
  timestamp: string;
  users: string[];
  moderator: string | null;
  user_prompts: unknown[];
  moderator_prompt: unknown;
  ctx_length: number;
  logs: DiscussionLogEntry[];
  [extra: string]: unknown;
}

const discussionFileSchema = z.looseObject({
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
  logs: z.array(z.looseObject({ name: z.string(), text: z.string(), model: z.string() })),
});

/**
 * Checks that parsed JSON is a discussion file (ours or upstream SynDisco's).
 *
 * @throws {@link InputError} naming the file and the first bad field.
 */
export function parseDiscussionFile(data: unknown, file?: string): DiscussionFile {
  const result = discussionFileSchema.safeParse(data);
  if (!result.success) throw fileShapeError(result.error, "discussion", file);
  return result.data as DiscussionFile;
}

/** An annotation file: SynDisco's keys, `logs` as `[comment, annotation]` pairs. */
export interface AnnotationFile {
  conv_id: string;
  timestamp: string;
  annotator_model: string;
  annotator_prompt: unknown;
  ctx_length: number;
  logs: [string, string][];
  [extra: string]: unknown;
}

const annotationFileSchema = z.looseObject({
  conv_id: z.union([z.string(), z.number()]).transform(String),
  timestamp: z.string(),
  annotator_model: z.string(),
  annotator_prompt: z.unknown(),
  ctx_length: z.number(),
  logs: z.array(z.tuple([z.string(), z.string()])),
});

/** Checks that parsed JSON is an annotation file (ours or upstream SynDisco's). */
export function parseAnnotationFile(data: unknown, file?: string): AnnotationFile {
  const result = annotationFileSchema.safeParse(data);
  if (!result.success) throw fileShapeError(result.error, "annotation", file);
  return result.data as AnnotationFile;
}

function fileShapeError(error: z.ZodError, kind: string, file: string | undefined): InputError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || undefined;
  return new InputError(`not a SynDisco ${kind} file (${issue?.message ?? "unexpected shape"})`, {
    ...(file ? { file } : {}),
    ...(field ? { field } : {}),
    fix: `Point SynDisco at a folder that holds only ${kind} files`,
  });
}
