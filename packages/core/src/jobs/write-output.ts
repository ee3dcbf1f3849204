import { access, readFile } from "node:fs/promises";
import { basename } from "node:path";
import { ActorType } from "../actor/actor-type.js";
import { systemPrompt22 } from "../actor/prompt-22.js";
import { InputError } from "../errors.js";
import type { AnnotationFile, DiscussionFile, FileFormat } from "../formats/discussion-file.js";
import { type Sidecar22, sidecarKindOf, sidecarPathOf } from "../formats/sidecar-22.js";
import type { Syndisco22File } from "../formats/syndisco-22.js";
import { type AtomicWriteOptions, writeFileAtomic } from "../util/atomic-write.js";

/** Options of `toJsonFile`: which format to write, and whether an existing file may be replaced. */
export interface OutputFileOptions extends AtomicWriteOptions {
  /**
   * `"syndisco-2.0"` (default): one file with SynDisco 2.0's keys, then ours. `"syndisco-2.2"`: the file holds
   * exactly what SynDisco 2.2 writes (`timestamp`, and `logs` of `{name, text, model, prompt}`), and
   * everything else goes to its sidecar `NAME.meta.json`, written first.
   */
  format?: FileFormat;
}

/** A file in SynDisco 2.2's shape and its sidecar. */
export interface Output22 {
  file: Syndisco22File;
  sidecar: Sidecar22;
}

// The model name of seed comments; their 2.2 prompt is their author's with empty context and instructions.
const SEED_MODEL = "hardcoded";
const ENTRY_KEYS_22 = new Set(["name", "text", "model", "prompt"]);

/**
 * A discussion in SynDisco 2.2's shape: each comment with its speaker's 2.2 system prompt (the JSON text of
 * `{"context", "instructions", "type", "persona"}` as 2.2 writes it), and the sidecar that keeps the rest.
 */
export function discussionTo22(discussion: DiscussionFile, fileName: string): Output22 {
  const { timestamp, logs, format: _format, ...rest } = discussion;
  const descriptions = new Map<string, unknown>();
  for (const [index, name] of discussion.users.entries()) descriptions.set(name, discussion.user_prompts[index]);
  if (discussion.moderator !== null) descriptions.set(discussion.moderator, discussion.moderator_prompt);
  const file: Syndisco22File = {
    timestamp,
    logs: logs.map(({ name, text, model, prompt }) => ({
      name,
      text,
      model,
      prompt: prompt ?? prompt22(descriptions.get(name), model === SEED_MODEL),
    })),
  };
  const details = logs.map((entry) =>
    Object.fromEntries(Object.entries(entry).filter(([key]) => !ENTRY_KEYS_22.has(key))),
  );
  return { file, sidecar: { syndisco_sidecar: marker("discussion", fileName), ...rest, log_details: details } };
}

/**
 * An annotation in SynDisco 2.2's shape: one entry per annotated comment, `name` its author, `text` the
 * annotation, `model` and `prompt` the annotator's; the sidecar keeps the rest, the comments included.
 */
export function annotationTo22(annotation: AnnotationFile, fileName: string): Output22 {
  const { timestamp, logs, format: _format, ...rest } = annotation;
  const details = Array.isArray(annotation.annotation_details) ? annotation.annotation_details : [];
  const prompt = prompt22(annotation.annotator_prompt, false);
  const file: Syndisco22File = {
    timestamp,
    logs: logs.map(([, label], index) => {
      const name = (details[index] as { name?: unknown } | undefined)?.name;
      return { name: typeof name === "string" ? name : "", text: label, model: annotation.annotator_model, prompt };
    }),
  };
  const comments = logs.map(([comment]) => comment);
  return { file, sidecar: { syndisco_sidecar: marker("annotation", fileName), ...rest, comments } };
}

/**
 * Writes a discussion or annotation in the format asked for, whole or not at all, never replacing a file
 * unless told to. In SynDisco 2.2's format the sidecar is written first and the file last, so a file is
 * never there without its sidecar; a sidecar that a crash left without its file is replaced.
 *
 * @throws {@link InputError} naming the path when it exists (without `overwrite`) or cannot be written.
 */
export async function writeOutputFile(
  path: string,
  kind: "discussion" | "annotation",
  dict: DiscussionFile | AnnotationFile,
  { format = "syndisco-2.0", overwrite = false }: OutputFileOptions = {},
): Promise<void> {
  if (format === "syndisco-2.0") {
    await writeFileAtomic(path, json(dict), { overwrite });
    return;
  }
  requireFileFormat(format);
  const output =
    kind === "discussion"
      ? discussionTo22(dict as DiscussionFile, basename(path))
      : annotationTo22(dict as AnnotationFile, basename(path));
  if (!overwrite && (await exists(path))) {
    throw new InputError("the file already exists and SynDisco never overwrites output", {
      file: path,
      fix: "Choose another path, delete the file, or pass { overwrite: true }",
    });
  }
  const sidecarPath = sidecarPathOf(path);
  await writeFileAtomic(sidecarPath, json(output.sidecar), { overwrite: overwrite || (await isOrphan(sidecarPath)) });
  await writeFileAtomic(path, `${JSON.stringify(output.file, null, 4)}\n`, { overwrite });
}

/** @throws {@link InputError} naming `format` unless it is one of the formats we write. */
export function requireFileFormat(format: unknown): asserts format is FileFormat {
  if (format !== "syndisco-2.0" && format !== "syndisco-2.2") {
    throw new InputError(`format must be "syndisco-2.0" or "syndisco-2.2", not ${JSON.stringify(format)}`, {
      field: "format",
      fix: 'Use "syndisco-2.2" to write files SynDisco 2.2 reads, or leave it out for SynDisco 2.0\'s',
    });
  }
}

/** A 2.2 system prompt from an actor description of our files (`type` "1"/"2") or of 2.2's. */
function prompt22(description: unknown, seed: boolean): string {
  if (typeof description === "string") return description;
  if (typeof description !== "object" || description === null) return "";
  const { context, instructions, type, persona } = description as Record<string, unknown>;
  return systemPrompt22({
    context: !seed && typeof context === "string" ? context : "",
    instructions: !seed && typeof instructions === "string" ? instructions : "",
    type: type === ActorType.ANNOTATOR || type === "annotator" ? "annotator" : "user",
    persona: typeof persona === "object" && persona !== null ? (persona as Record<string, unknown>) : {},
  });
}

function marker(kind: "discussion" | "annotation", file: string): Sidecar22["syndisco_sidecar"] {
  return { kind, file, format: "syndisco-2.2" };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether a sidecar of ours sits at the path (its file is known to be missing): a crashed write's leftover. */
async function isOrphan(sidecarPath: string): Promise<boolean> {
  try {
    return sidecarKindOf(JSON.parse(await readFile(sidecarPath, "utf8"))) !== undefined;
  } catch {
    return false;
  }
}
