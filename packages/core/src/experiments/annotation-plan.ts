import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InputError } from "../errors.js";
import { META_SUFFIX } from "../formats/sidecar-22.js";
import { loadDiscussionFile } from "../jobs/load-discussion.js";
import { readFailure } from "../util/read-error.js";

/** One annotator on one discussion, in an {@link AnnotationExperiment}'s plan. */
export interface AnnotationPlanUnit {
  /** Stable for the same annotator name and discussion id; names the output file `<id>.json`. */
  id: string;
  /** 0-based position in the plan. */
  index: number;
  /** The annotator's username. */
  annotator: string;
  /** The `id` inside the discussion file. */
  discussionId: string;
  /** The discussion file's path. */
  discussionFile: string;
}

/** A discussion file found in a folder. */
export interface FoundDiscussion {
  file: string;
  id: string;
}

/**
 * Lists and checks the discussion files of a folder: every `*.json` at its top level, sorted by name;
 * hidden entries (such as an experiment's `.syndisco` folder) and the sidecars of SynDisco 2.2 files
 * (`*.meta.json`, read with their file) are skipped.
 *
 * @throws {@link InputError} naming the folder when it does not exist or holds no discussion, or naming
 *   the file that is not a discussion file or repeats another file's discussion id.
 */
export async function findDiscussions(discussionsDir: string): Promise<FoundDiscussion[]> {
  const folder = resolve(discussionsDir);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new InputError(`cannot read the discussions folder (${readFailure(error)})`, {
      file: folder,
      fix: "Pass the folder that a DiscussionExperiment wrote",
    });
  }
  const files = names
    .filter((name) => name.endsWith(".json") && !name.endsWith(META_SUFFIX) && !name.startsWith("."))
    .sort()
    .map((name) => join(folder, name));
  if (files.length === 0) {
    throw new InputError("the folder holds no discussion files (*.json)", {
      file: folder,
      fix: "Pass the folder that a DiscussionExperiment wrote",
    });
  }
  const fileById = new Map<string, string>();
  const found: FoundDiscussion[] = [];
  for (const file of files) {
    const { id } = await loadDiscussionFile(file);
    const earlier = fileById.get(id);
    if (earlier) {
      throw new InputError(`the discussion id "${id}" is also the id of ${earlier}`, {
        file,
        fix: "Keep one copy of each discussion in the folder",
      });
    }
    fileById.set(id, file);
    found.push({ file, id });
  }
  return found;
}

/** Every annotator on every discussion, annotator by annotator, discussions in file-name order. */
export function planAnnotations(
  annotators: readonly string[],
  discussions: readonly FoundDiscussion[],
): AnnotationPlanUnit[] {
  return annotators.flatMap((annotator, annotatorIndex) =>
    discussions.map((discussion, discussionIndex) => ({
      id: annotationUnitId(annotator, discussion.id),
      index: annotatorIndex * discussions.length + discussionIndex,
      annotator,
      discussionId: discussion.id,
      discussionFile: discussion.file,
    })),
  );
}

/**
 * A file-name-safe id from the annotator's name and the discussion's id. Unsafe characters become `_`; the
 * hash of the exact pair keeps ids distinct when that makes two pairs look alike.
 */
function annotationUnitId(annotator: string, discussionId: string): string {
  const hash = createHash("sha256").update(`${annotator}\u0000${discussionId}`).digest("hex").slice(0, 8);
  return `annotation-${fileSafe(annotator, 40)}-${fileSafe(discussionId, 64)}-${hash}`;
}

function fileSafe(text: string, maxLength: number): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, maxLength);
}
