import { resolve } from "node:path";
import { type DiscussionFile, parseDiscussionFile, type ReadDiscussionOptions } from "../formats/discussion-file.js";
import { listJsonFiles } from "./list-json-files.js";
import { readOutputFile } from "./read-output-file.js";

/**
 * Reads every discussion file of a folder (in sub-folders too, in path order), of either generation, in the
 * one shape `parseDiscussionFile` gives.
 *
 * @throws {@link InputError} naming the folder when it is missing, or the file that is not a discussion.
 */
export async function loadDiscussionFolder(
  dir: string,
  options: ReadDiscussionOptions = {},
): Promise<DiscussionFile[]> {
  const discussions: DiscussionFile[] = [];
  for (const file of await listJsonFiles(resolve(dir), "discussions")) {
    const { data, sidecar } = await readOutputFile(file);
    discussions.push(parseDiscussionFile(data, file, { ...options, sidecar }));
  }
  return discussions;
}
