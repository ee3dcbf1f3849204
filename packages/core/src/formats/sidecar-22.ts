import { basename } from "node:path";
import { InputError } from "../errors.js";
import { type AnnotationFile, type DiscussionFile, parse20Annotation, parse20Discussion } from "./syndisco-20.js";
import type { Syndisco22File } from "./syndisco-22.js";

/** The sidecar of a file written in SynDisco 2.2's format: `NAME.meta.json` beside `NAME.json`. */
export const META_SUFFIX = ".meta.json";

/**
 * What a file written in SynDisco 2.2's shape has no room for, kept beside it in `NAME.meta.json`: every
 * top-level key of our SynDisco 2.0 file but `timestamp` and `logs` (the discussion's id, users, prompts,
 * moderator, provenance, `experiment`, `study`…), the keys of each log entry that 2.2 does not write
 * (`log_details`, discussions) or the annotated comments (`comments`, annotations), and a marker.
 */
export interface Sidecar22 {
  syndisco_sidecar: { kind: "discussion" | "annotation"; file: string; format: "syndisco-2.2" };
  /** Discussions: for each log entry, its keys beyond `name`, `text`, `model` and `prompt`. */
  log_details?: Record<string, unknown>[];
  /** Annotations: the annotated comments, one per log entry. */
  comments?: string[];
  [key: string]: unknown;
}

/** The sidecar path of an output file: `NAME.json` → `NAME.meta.json`. */
export function sidecarPathOf(file: string): string {
  return `${file.replace(/\.json$/i, "")}${META_SUFFIX}`;
}

/** Whether parsed JSON is a sidecar we wrote, and of which kind. */
export function sidecarKindOf(data: unknown): "discussion" | "annotation" | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const marker = (data as { syndisco_sidecar?: { kind?: unknown } }).syndisco_sidecar;
  return marker?.kind === "discussion" || marker?.kind === "annotation" ? marker.kind : undefined;
}

/**
 * A discussion read from a 2.2 file we wrote, with what its sidecar keeps: the same as the SynDisco 2.0 file
 * we would have written, each log entry with its 2.2 `prompt`, and `format: "syndisco-2.2"`.
 *
 * @throws {@link InputError} naming the sidecar when it is not a discussion's or does not fit the file.
 */
export function discussionWithSidecar(parsed: Syndisco22File, sidecar: unknown, file: string): DiscussionFile {
  const { log_details: details, rest } = checkSidecar(sidecar, "discussion", parsed, file, "log_details");
  const merged = {
    ...rest,
    timestamp: parsed.timestamp,
    logs: parsed.logs.map((entry, index) => ({ ...entry, ...(details as Record<string, unknown>[])[index] })),
  };
  return { ...sidecarParse(() => parse20Discussion(merged, file), file), format: "syndisco-2.2" };
}

/**
 * An annotation read from a 2.2 file we wrote, with what its sidecar keeps: the same as the SynDisco 2.0 file
 * we would have written (its comments from the sidecar), and `format: "syndisco-2.2"`.
 *
 * @throws {@link InputError} naming the sidecar when it is not an annotation's or does not fit the file.
 */
export function annotationWithSidecar(parsed: Syndisco22File, sidecar: unknown, file: string): AnnotationFile {
  const { comments, rest } = checkSidecar(sidecar, "annotation", parsed, file, "comments");
  const merged = {
    ...rest,
    timestamp: parsed.timestamp,
    logs: parsed.logs.map((entry, index) => [(comments as string[])[index], entry.text]),
  };
  return { ...sidecarParse(() => parse20Annotation(merged, file), file), format: "syndisco-2.2" };
}

function checkSidecar(
  sidecar: unknown,
  kind: "discussion" | "annotation",
  parsed: Syndisco22File,
  file: string,
  listKey: "log_details" | "comments",
): { log_details?: unknown; comments?: unknown; rest: Record<string, unknown> } {
  const sidecarFile = sidecarPathOf(file);
  const fix = `Move ${basename(sidecarFile)} away to read ${basename(file)} as a plain SynDisco 2.2 file`;
  if (sidecarKindOf(sidecar) !== kind) {
    throw new InputError(`not the sidecar of a ${kind} written by SynDisco`, { file: sidecarFile, fix });
  }
  const { syndisco_sidecar: _marker, log_details, comments, ...rest } = sidecar as Sidecar22;
  const list = listKey === "log_details" ? log_details : comments;
  if (!Array.isArray(list) || list.length !== parsed.logs.length) {
    const count = Array.isArray(list) ? list.length : "no";
    throw new InputError(
      `the sidecar records ${count} entries (${listKey}) but ${basename(file)} has ${parsed.logs.length}`,
      { file: sidecarFile, field: listKey, fix },
    );
  }
  return { log_details, comments, rest };
}

function sidecarParse<T>(parse: () => T, file: string): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError("the sidecar does not hold what SynDisco writes there", {
      file: sidecarPathOf(file),
      ...(error.field ? { field: error.field } : {}),
      fix: `Move ${basename(sidecarPathOf(file))} away to read ${basename(file)} as a plain SynDisco 2.2 file`,
    });
  }
}
