import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { type DiscussionFile, parseDiscussionFile } from "../formats/discussion-file.js";

/** Reads and checks a discussion file (ours or upstream SynDisco's). */
export async function loadDiscussionFile(path: string): Promise<DiscussionFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the discussion file (${(error as Error).message})`, {
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
  return parseDiscussionFile(data, path);
}
