import { basename, dirname, resolve } from "node:path";
import { InputError } from "../errors.js";
import { listJsonFiles } from "./list-json-files.js";
import { readOutputFile } from "./read-output-file.js";

/** How {@link importFolder} reads one kind of output file. */
export interface FolderImport<File, Row> {
  /** "discussion" or "annotation", for messages. */
  noun: string;
  /** What wrote such a folder, for the fix of an empty one: "a DiscussionExperiment". */
  writer: string;
  /**
   * Checks a parsed file and types it; `sidecar` is its parsed `NAME.meta.json`, if any.
   * @throws {@link InputError} naming the file.
   */
  parse(data: unknown, file: string, sidecar: unknown): File;
  /** The file's rows; `variant` is the name of the folder that holds it. */
  rows(file: File, variant: string): Row[];
}

/**
 * Flattens every output file of a folder (in sub-folders too, in path order) into rows.
 *
 * @throws {@link InputError} naming the folder when it is missing or holds no JSON files, or the file that
 *   is not of the expected kind.
 */
export async function importFolder<File, Row>(dir: string, kind: FolderImport<File, Row>): Promise<Row[]> {
  const folder = resolve(dir);
  const files = await listJsonFiles(folder, `${kind.noun}s`);
  if (files.length === 0) {
    throw new InputError(`the folder holds no ${kind.noun} files (*.json)`, {
      file: folder,
      fix: `Pass the folder that ${kind.writer} wrote`,
    });
  }
  const rows: Row[] = [];
  for (const file of files) {
    const { data, sidecar } = await readOutputFile(file);
    rows.push(...kind.rows(kind.parse(data, file, sidecar), basename(dirname(file))));
  }
  return rows;
}
