import { InputError } from "../errors.js";
import { sidecarKindOf } from "./sidecar-22.js";
import type { FileFormat } from "./syndisco-20.js";
import { isAnnotation22, parse22File } from "./syndisco-22.js";

/** Keys that only SynDisco 2.0's files have: a file with any of them is read as 2.0. */
const DISCUSSION_20_MARKS = ["users", "user_prompts", "moderator_prompt", "ctx_length"];
const ANNOTATION_20_MARKS = ["conv_id", "annotator_model", "annotator_prompt", "ctx_length"];

/**
 * Which generation of SynDisco wrote a parsed discussion or annotation file, judged from its content: a file
 * with any key that only 2.0 writes is 2.0; otherwise a file with `logs` is 2.2 (which writes `timestamp` and
 * `logs` only). `undefined` when it is neither.
 */
export function fileFormatOf(data: unknown, kind: "discussion" | "annotation"): FileFormat | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const marks = kind === "discussion" ? DISCUSSION_20_MARKS : ANNOTATION_20_MARKS;
  if (marks.some((key) => key in data)) return "syndisco-2.0";
  return "logs" in data ? "syndisco-2.2" : undefined;
}

/**
 * Whether a parsed file holds a discussion or an annotation, in either generation: the kind its sidecar (the
 * parsed `NAME.meta.json` of a 2.2 file we wrote) records; a 2.0 file with `conv_id` is an annotation; a 2.2
 * file whose every entry has an annotator's prompt is one. Anything else is taken for a discussion (its reader
 * then says what is wrong with it).
 */
export function fileKindOf(data: unknown, sidecar?: unknown): "discussion" | "annotation" {
  const recorded = sidecarKindOf(sidecar);
  if (recorded) return recorded;
  if (typeof data === "object" && data !== null && "conv_id" in data) return "annotation";
  if (fileFormatOf(data, "annotation") !== "syndisco-2.2") return "discussion";
  try {
    return isAnnotation22(parse22File(data, "annotation", undefined)) ? "annotation" : "discussion";
  } catch {
    return "discussion";
  }
}

/** The error for a file that fits neither generation: it names the file and the keys each one misses. */
export function neitherFormatError(
  data: unknown,
  kind: "discussion" | "annotation",
  required20: readonly string[],
  file: string | undefined,
): InputError {
  const location = { ...(file ? { file } : {}), fix: `Point SynDisco at ${kind} files of SynDisco 2.0 or 2.2` };
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const found = Array.isArray(data) ? "a list" : data === null ? "null" : typeof data;
    return new InputError(`not a SynDisco ${kind} file (a JSON object is expected, found ${found})`, location);
  }
  const missing20 = required20.filter((key) => !(key in data));
  return new InputError(
    `not a SynDisco ${kind} file: it fits neither SynDisco 2.0 (missing keys: ${missing20.join(", ")}) ` +
      "nor SynDisco 2.2 (missing key: logs)",
    location,
  );
}
