import { basename, dirname, resolve } from "node:path";
import {
  type AnnotationRow,
  annotationRows,
  type DiscussionFile,
  HARDCODED_MODEL,
  InputError,
  listJsonFiles,
  messageId,
  parseAnnotationFile,
  parseDiscussionFile,
  readJsonFile,
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
 * Reads every discussion and annotation file under a folder (sub-folders too, hidden ones skipped): a run's
 * output folder, a study's, or a plain folder of files. JSON files without a `logs` list (a study's
 * manifest, a run summary) are skipped; a file with one must be a discussion or annotation file.
 *
 * @throws {@link InputError} naming the folder when it holds no discussion files, or the file that is broken.
 */
export async function readFolder({ path, label }: LabelledPath): Promise<FolderContents> {
  const folder = resolve(path);
  const contents: FolderContents = { discussions: [], annotations: [] };
  for (const file of await listJsonFiles(folder, "discussion")) {
    const data = await readJsonFile(file);
    if (!hasLogs(data)) continue;
    const parent = basename(dirname(file));
    if ("annotator_model" in data && "conv_id" in data) {
      contents.annotations.push(...annotationRows(parseAnnotationFile(data, file), parent));
    } else {
      contents.discussions.push(analysedDiscussion(parseDiscussionFile(data, file), { label, file, folder: parent }));
    }
  }
  if (contents.discussions.length === 0) {
    throw new InputError("the folder holds no discussion files", {
      file: folder,
      fix: "Pass folders of discussion files (a run's or a study's output folder, or its discussions/)",
    });
  }
  return contents;
}

function analysedDiscussion(
  discussion: DiscussionFile,
  source: { label: string; file: string; folder: string },
): AnalysedDiscussion {
  const comments: AnalysedComment[] = [];
  discussion.logs.forEach((entry, index) => {
    if (entry.model === HARDCODED_MODEL) return;
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
    annotations: [],
    reference: false,
  };
}

function hasLogs(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && Array.isArray((data as { logs?: unknown }).logs);
}
