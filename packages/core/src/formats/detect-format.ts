import { InputError } from "../errors.js";
import type { FileFormat } from "./syndisco-20.js";

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
