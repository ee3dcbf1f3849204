import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { sidecarPathOf } from "../formats/sidecar-22.js";
import { isErrnoException } from "../util/atomic-write.js";
import { readFailure } from "../util/read-error.js";
import { readJsonFile } from "./read-json.js";

/** A parsed output file and the parsed sidecar beside it, if any. */
export interface OutputFileData {
  data: unknown;
  /** The parsed `NAME.meta.json` beside a SynDisco 2.2 file we wrote; `undefined` when there is none. */
  sidecar: unknown;
}

/**
 * Reads and parses an output file and, when there is one, its sidecar `NAME.meta.json` (what a file
 * written in SynDisco 2.2's shape has no room for).
 *
 * @throws {@link InputError} naming the file, or the sidecar, that cannot be read or is not valid JSON.
 */
export async function readOutputFile(file: string): Promise<OutputFileData> {
  const data = await readJsonFile(file);
  return { data, sidecar: await readSidecar(sidecarPathOf(file)) };
}

/** The parsed sidecar at a path, or `undefined` when there is no file. */
export async function readSidecar(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return undefined;
    throw new InputError(`cannot read the sidecar (${readFailure(error)})`, { file: path });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`the sidecar is not valid JSON (${(error as Error).message})`, {
      file: path,
      fix: "Restore it from a copy, or move it away to read the file beside it as a plain SynDisco 2.2 file",
    });
  }
}
