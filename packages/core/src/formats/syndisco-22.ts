import { z } from "zod";
import { InputError } from "../errors.js";

/** One log entry of a SynDisco 2.2 file: a comment (discussion files) or an annotation (annotation files). */
export interface Syndisco22LogEntry {
  /** The comment's author (in an annotation file: the author of the annotated comment). */
  name: string;
  /** The comment (in an annotation file: the annotation). */
  text: string;
  /** The speaker's model name, `"hardcoded"` for a seed comment. */
  model: string;
  /** The speaker's system prompt, as JSON text (see {@link readSystemPrompt22}). */
  prompt?: string;
  [extra: string]: unknown;
}

/** A SynDisco 2.2 file: `timestamp` and `logs`, nothing else. */
export interface Syndisco22File {
  timestamp: string;
  logs: Syndisco22LogEntry[];
}

/** What a SynDisco 2.2 system prompt holds. */
export interface Syndisco22Prompt {
  context: string;
  instructions: string;
  /** `"user"` or `"annotator"`. */
  type: string;
  persona: Record<string, unknown>;
}

const fileSchema = z.looseObject({
  timestamp: z.string().optional(),
  // SynDisco 2.2's readers check only these three keys of each entry; `prompt` is written with every one.
  logs: z.array(
    z.looseObject({ name: z.string(), text: z.string(), model: z.string(), prompt: z.string().optional() }),
  ),
});

/** Checks a SynDisco 2.2 file. @throws {@link InputError} naming the file and the first bad field. */
export function parse22File(data: unknown, kind: string, file: string | undefined): Syndisco22File {
  const result = fileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    throw new InputError(`not a SynDisco 2.2 ${kind} file (${issue?.message ?? "unexpected shape"})`, {
      ...(file ? { file } : {}),
      ...(field ? { field } : {}),
      fix: "Each entry of logs needs name, text and model (strings)",
    });
  }
  return { timestamp: result.data.timestamp ?? "", logs: result.data.logs as Syndisco22LogEntry[] };
}

/** Reads a 2.2 system prompt (`{"context", "instructions", "type", "persona"}` as JSON text); `undefined` when it is not one. */
export function readSystemPrompt22(prompt: unknown): Syndisco22Prompt | undefined {
  if (typeof prompt !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(prompt);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { context, instructions, type, persona } = value;
  return {
    context: typeof context === "string" ? context : "",
    instructions: typeof instructions === "string" ? instructions : "",
    type: typeof type === "string" ? type : "user",
    persona: isRecord(persona) ? persona : {},
  };
}

/** Whether every entry of a 2.2 file was written by an annotator (an annotation file, not a discussion). */
export function isAnnotation22(file: Syndisco22File): boolean {
  return file.logs.length > 0 && file.logs.every((entry) => readSystemPrompt22(entry.prompt)?.type === "annotator");
}

/** Whether some entry of a 2.2 file has a user's prompt (a discussion file, not an annotation). */
export function isDiscussion22(file: Syndisco22File): boolean {
  return file.logs.some((entry) => readSystemPrompt22(entry.prompt)?.type === "user");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
