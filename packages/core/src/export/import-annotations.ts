import type { AnswerValue } from "../answers/answer-form.js";
import { parseAnnotationFile } from "../formats/annotation-file.js";
import type { AnnotationFile, DiscussionFile } from "../formats/discussion-file.js";
import { answerColumns } from "./answer-columns.js";
import { importFolder } from "./import-folder.js";
import { loadDiscussionFolder } from "./load-discussions.js";
import { messageId } from "./message-id.js";
import { personaColumns, personaOf } from "./persona-columns.js";
import { studyColumns } from "./study-columns.js";

/**
 * One annotation of one comment, with SynDisco's export columns, the comment's position and the parsed answer,
 * then, for an annotation of a study's discussion, one column per factor (`factor_model`, …) holding its
 * cell's level, then one `annot_` column per persona attribute of the annotator (`annot_age`, `annot_sex`, …).
 */
export interface AnnotationRow {
  /** The annotated discussion's id. */
  conv_id: string;
  timestamp: string;
  annotator_model: string;
  /** The annotated comment. */
  message: string;
  /** MD5 of `<conv_id>_<message>`: the same as the comment's `message_id` in the discussions export. */
  message_id: string;
  /**
   * The comment's 1-based position in its discussion, as the discussions export's `message_order`; `null`
   * for files that do not record it (upstream SynDisco's).
   */
  message_order: number | null;
  /** The annotator's answer, as the model wrote it. */
  annotation: string;
  /**
   * The parsed answer: a number (scale), a label, or a JSON answer's object; `null` when the answer was
   * invalid. Without an answer form (upstream files), the answer when it is a plain number, else `null`.
   */
  annotation_value: AnswerValue | null;
  /** Whether the answer fit the annotator's answer form; `null` when unknown (no form, or an upstream file). */
  annotation_valid: boolean | null;
  /** `null` for a SynDisco 2.2 file, which does not record it. */
  ctx_length: number | null;
  /** The annotator's username. */
  annotator: string;
  /** The name of the folder that holds the annotation's file. */
  annotation_variant: string;
  [annotatorAttribute: string]: unknown;
}

/** The columns every annotation row has; the annotator's persona attributes come after them. */
export const ANNOTATION_COLUMNS: ReadonlySet<string> = new Set([
  "conv_id",
  "timestamp",
  "annotator_model",
  "message",
  "message_id",
  "message_order",
  "annotation",
  "annotation_value",
  "annotation_valid",
  "ctx_length",
  "annotator",
  "annotation_variant",
]);

/** Options of {@link importAnnotations}. */
export interface ImportAnnotationsOptions {
  /**
   * The folder of the annotated discussions. SynDisco 2.2's annotation files do not hold the comments they
   * annotate: each is matched by position to its discussion there (see `parseAnnotationFile`).
   */
  discussionsDir?: string;
}

/**
 * Flattens a folder of annotation files (ours, or upstream SynDisco 2.0's or 2.2's, in sub-folders too) into
 * one row per annotated comment, files in path order.
 *
 * @throws {@link InputError} naming the folder when it is missing or holds no annotation files, or the
 *   file that is not an annotation file, or a 2.2 file whose discussion is not found.
 */
export async function importAnnotations(dir: string, options: ImportAnnotationsOptions = {}): Promise<AnnotationRow[]> {
  const discussions: DiscussionFile[] | undefined =
    options.discussionsDir === undefined ? undefined : await loadDiscussionFolder(options.discussionsDir);
  return importFolder(dir, {
    noun: "annotation",
    writer: "an AnnotationExperiment",
    parse: (data, file, sidecar) =>
      parseAnnotationFile(data, file, { ...(discussions ? { discussions } : {}), sidecar }),
    rows: annotationRows,
  });
}

/** The rows of one annotation file; `variant` is the name of the folder that holds it. */
export function annotationRows(annotation: AnnotationFile, variant: string): AnnotationRow[] {
  const persona = personaOf(annotation.annotator_prompt);
  const annotator =
    typeof annotation.annotator === "string"
      ? annotation.annotator
      : typeof persona?.username === "string"
        ? persona.username
        : "";
  const annotatorColumns = personaColumns(persona, "annot_", ANNOTATION_COLUMNS);
  const factors = studyColumns(annotation);
  const details = Array.isArray(annotation.annotation_details) ? annotation.annotation_details : [];
  return annotation.logs.map(([message, label], index) => {
    const { message_order, annotation_value, annotation_valid } = answerColumns(details[index], label);
    return {
      conv_id: annotation.conv_id,
      timestamp: annotation.timestamp,
      annotator_model: annotation.annotator_model,
      message,
      message_id: messageId(annotation.conv_id, message),
      message_order,
      annotation: label,
      annotation_value,
      annotation_valid,
      ctx_length: annotation.ctx_length,
      annotator,
      annotation_variant: variant,
      ...factors,
      ...annotatorColumns,
    };
  });
}
