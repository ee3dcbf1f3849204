import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import {
  type AnnotationRow,
  annotationRows,
  type DiscussionFile,
  fileFormatOf,
  fileKindOf,
  HARDCODED_MODEL,
  InputError,
  listJsonFiles,
  messageId,
  parseAnnotationFile,
  parseDiscussionFile,
  readOutputFile,
  readSystemPrompt22,
} from "@syndisco/core";
import type { AnalysedComment, AnalysedDiscussion } from "./analysed-discussion.js";
import { fileFields } from "./file-fields.js";
import type { LabelledPath } from "./input-argument.js";

/** What one input folder holds. */
export interface FolderContents {
  discussions: AnalysedDiscussion[];
  /** The rows of its annotation files, to be joined to the discussions of every input. */
  annotations: AnnotationRow[];
}

/**
 * Reads every discussion and annotation file under a folder (sub-folders too, hidden ones skipped), of
 * SynDisco 2.0 (ours) or 2.2: a run's output folder, a study's, or a plain folder of files. JSON files without
 * a `logs` list (a study's manifest, a run summary) are skipped; a file with one must be a discussion or
 * annotation file. A SynDisco 2.2 annotation file does not hold the comments it annotates: it is matched to
 * its discussion among the folder's (core's `parseAnnotationFile` does that). A 2.2 file we wrote is read with
 * its sidecar `NAME.meta.json` (its id, moderator, study levels; an annotation's comments).
 *
 * @throws {@link InputError} naming the folder when it holds no discussion files, or the file that is broken.
 */
export async function readFolder({ path, label }: LabelledPath): Promise<FolderContents> {
  const folder = resolve(path);
  if (!existsSync(folder)) {
    throw new InputError("no such folder", {
      file: path,
      fix: "Give a run's or a study's output folder, or a folder of discussion files (as path or label=path)",
    });
  }
  const contents: FolderContents = { discussions: [], annotations: [] };
  const discussionFiles: DiscussionFile[] = [];
  const annotations22: { data: unknown; file: string; parent: string }[] = [];
  for (const file of await listJsonFiles(folder, "discussion")) {
    const { data, sidecar } = await readOutputFile(file);
    if (!hasLogs(data)) continue;
    const parent = basename(dirname(file));
    if (sidecar !== undefined && fileKindOf(data, sidecar) === "annotation") {
      // A 2.2 annotation we wrote: its sidecar holds its comments and its discussion's id.
      contents.annotations.push(...annotationRows(parseAnnotationFile(data, file, { sidecar }), parent));
    } else if (isAnnotation20(data)) {
      contents.annotations.push(...annotationRows(parseAnnotationFile(data, file), parent));
    } else if (isAnnotation22(data)) {
      annotations22.push({ data, file, parent });
    } else {
      const discussion = parseDiscussionFile(data, file, { sidecar });
      discussionFiles.push(discussion);
      contents.discussions.push(analysedDiscussion(discussion, { label, file, folder: parent }));
    }
  }
  if (contents.discussions.length === 0) {
    throw new InputError("the folder holds no discussion files", {
      file: folder,
      fix: "Pass folders of discussion files (a run's or a study's output folder, or its discussions/)",
    });
  }
  for (const { data, file, parent } of annotations22) {
    const annotation = parseAnnotationFile(data, file, { discussions: discussionFiles });
    contents.annotations.push(...annotationRows(annotation, parent));
  }
  return contents;
}

function analysedDiscussion(
  discussion: DiscussionFile,
  source: { label: string; file: string; folder: string },
): AnalysedDiscussion {
  const comments: AnalysedComment[] = [];
  let seedComments = 0;
  discussion.logs.forEach((entry, index) => {
    if (entry.model === HARDCODED_MODEL) {
      seedComments += 1;
      return;
    }
    comments.push({
      user: entry.name,
      text: entry.text,
      model: entry.model,
      isModerator: discussion.moderator !== null && entry.name === discussion.moderator,
      order: index + 1,
      messageId: messageId(discussion.id, entry.text),
    });
  });
  return {
    id: discussion.id,
    ...source,
    fields: fileFields(discussion),
    models: [...new Set(comments.map((comment) => comment.model))].sort(),
    comments,
    seedComments,
    annotations: [],
    reference: false,
  };
}

/** A SynDisco 2.0 annotation file (ours): it names the discussion and the annotator's model. */
function isAnnotation20(data: Record<string, unknown>): boolean {
  return fileFormatOf(data, "annotation") === "syndisco-2.0" && "conv_id" in data && "annotator_model" in data;
}

/** A SynDisco 2.2 annotation file: every entry's prompt is an annotator's. */
function isAnnotation22(data: { logs: unknown[] }): boolean {
  return (
    fileFormatOf(data, "discussion") === "syndisco-2.2" &&
    data.logs.length > 0 &&
    data.logs.every((entry) => readSystemPrompt22((entry as { prompt?: unknown } | null)?.prompt)?.type === "annotator")
  );
}

function hasLogs(data: unknown): data is Record<string, unknown> & { logs: unknown[] } {
  return typeof data === "object" && data !== null && Array.isArray((data as { logs?: unknown }).logs);
}
