import { InputError } from "../errors.js";
import { fileFormatOf, neitherFormatError } from "./detect-format.js";
import { annotationWithSidecar } from "./sidecar-22.js";
import { ANNOTATION_20_REQUIRED, type AnnotationFile, type DiscussionFile, parse20Annotation } from "./syndisco-20.js";
import { isDiscussion22, parse22File, readSystemPrompt22, type Syndisco22File } from "./syndisco-22.js";

/** Options of {@link parseAnnotationFile}. */
export interface ReadAnnotationOptions {
  /**
   * The discussions a SynDisco 2.2 annotation file may annotate (read with `parseDiscussionFile`). A 2.2
   * annotation stores the annotations only, one per comment in the discussion's order, so its comments come
   * from the discussion it is matched to.
   */
  discussions?: readonly DiscussionFile[];
  /** The id of the discussion it annotates, when known. */
  convId?: string;
  /**
   * The parsed `NAME.meta.json` beside the file, when there is one. A SynDisco 2.2 annotation we wrote keeps
   * there what 2.2 has no room for, the discussion's id and the annotated comments included, so it is read
   * exactly, with no matching by position. Ignored for a SynDisco 2.0 file.
   */
  sidecar?: unknown;
}

/**
 * Reads a parsed annotation file of either generation into SynDisco 2.0's shape ({@link AnnotationFile}).
 *
 * A SynDisco 2.2 annotation file we wrote, read with its sidecar (`options.sidecar`), is exactly what our
 * SynDisco 2.0 file would hold, with `format: "syndisco-2.2"`. Any other 2.2 annotation file has one entry per annotated comment (`name` its author, `text` the
 * annotation, `model` and `prompt` the annotator's). It is matched by position to a discussion of
 * `options.discussions`: the one with id `options.convId`, else the only one whose comments have the same
 * authors in the same order. It becomes: `conv_id` that discussion's id; `logs` each comment of the
 * discussion with its annotation; `annotator_model` and `annotator_prompt` (read as `{context, instructions,
 * type, persona}`) from the first entry; `annotator` the persona's `username` or `name` where it has one;
 * `ctx_length` `null` (not recorded); `annotation_details` each comment's author and position;
 * `format: "syndisco-2.2"`.
 *
 * @throws {@link InputError} naming the file: when it fits neither generation (with the keys missing), or a
 *   2.2 file that matches no discussion, or several.
 */
export function parseAnnotationFile(data: unknown, file?: string, options: ReadAnnotationOptions = {}): AnnotationFile {
  const format = fileFormatOf(data, "annotation");
  if (format === "syndisco-2.0") return parse20Annotation(data, file);
  if (format !== "syndisco-2.2") throw neitherFormatError(data, "annotation", ANNOTATION_20_REQUIRED, file);
  const parsed = parse22File(data, "annotation", file);
  const where = file ? { file } : {};
  if (isDiscussion22(parsed)) {
    throw new InputError("this is a SynDisco 2.2 discussion file (its prompts are users'), not an annotation", {
      ...where,
      fix: "Pass it where discussions are read",
    });
  }
  if (options.sidecar !== undefined) return annotationWithSidecar(parsed, options.sidecar, file ?? "annotation.json");
  if (options.discussions === undefined) {
    throw new InputError("a SynDisco 2.2 annotation file does not hold the comments it annotates", {
      ...where,
      fix: "Pass the folder of the discussions it annotates as well (discussionsDir; --discussions in the CLI)",
    });
  }
  return annotationFrom22(parsed, matchDiscussion(parsed, options.discussions, options.convId, file));
}

function matchDiscussion(
  parsed: Syndisco22File,
  discussions: readonly DiscussionFile[],
  convId: string | undefined,
  file: string | undefined,
): DiscussionFile {
  const where = file ? { file } : {};
  const authors = parsed.logs.map((entry) => entry.name);
  const sameAuthors = (discussion: DiscussionFile) =>
    discussion.logs.length === authors.length && discussion.logs.every((entry, index) => entry.name === authors[index]);
  if (convId !== undefined) {
    const byId = discussions.find((discussion) => discussion.id === convId);
    if (byId && sameAuthors(byId)) return byId;
    throw new InputError(
      `the discussion "${convId}" it annotates is not among the discussions, or has other comments`,
      {
        ...where,
        fix: "Pass the folder that holds the discussion it annotates",
      },
    );
  }
  const candidates = discussions.filter(sameAuthors);
  if (candidates.length === 1) return candidates[0] as DiscussionFile;
  const order = `${authors.slice(0, 4).join(", ")}${authors.length > 4 ? ", …" : ""}`;
  if (candidates.length === 0) {
    throw new InputError(`no discussion has its ${authors.length} comments by ${order} in this order`, {
      ...where,
      fix: "Pass the folder that holds the discussion it annotates",
    });
  }
  const ids = candidates.slice(0, 3).map((discussion) => discussion.id);
  throw new InputError(
    `${candidates.length} discussions have its ${authors.length} comments by the same authors in the same order ` +
      `(${ids.join(", ")}${candidates.length > 3 ? ", …" : ""}), so which one it annotates cannot be told`,
    { ...where, fix: "Pass a folder that holds only the discussion it annotates" },
  );
}

function annotationFrom22(parsed: Syndisco22File, discussion: DiscussionFile): AnnotationFile {
  const first = parsed.logs[0];
  const prompt = readSystemPrompt22(first?.prompt);
  const persona = prompt?.persona ?? {};
  const annotator = [persona.username, persona.name].find((value) => typeof value === "string");
  return {
    conv_id: discussion.id,
    timestamp: parsed.timestamp,
    annotator_model: first?.model ?? "",
    annotator_prompt: prompt ?? first?.prompt ?? null,
    ctx_length: null,
    logs: parsed.logs.map((entry, index) => [discussion.logs[index]?.text ?? "", entry.text]),
    ...(annotator === undefined ? {} : { annotator }),
    annotation_details: parsed.logs.map((entry, index) => ({ name: entry.name, index })),
    format: "syndisco-2.2",
  };
}
