import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { readSidecar } from "../export/read-output-file.js";
import { type DiscussionFile, parseDiscussionFile, type ReadDiscussionOptions } from "../formats/discussion-file.js";
import { sidecarPathOf } from "../formats/sidecar-22.js";
import { readFailure } from "../util/read-error.js";

/**
 * Reads and checks a discussion file of SynDisco 2.0 (ours or upstream's) or SynDisco 2.2, in the one shape
 * {@link parseDiscussionFile} gives. A 2.2 file we wrote is read with its sidecar `NAME.meta.json` beside it.
 */
export async function loadDiscussionFile(path: string, options: ReadDiscussionOptions = {}): Promise<DiscussionFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the discussion file (${readFailure(error)})`, {
      file: path,
      fix: "Check the path",
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, { file: path });
  }
  return parseDiscussionFile(data, path, { ...options, sidecar: await readSidecar(sidecarPathOf(path)) });
}
