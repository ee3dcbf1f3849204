import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { META_SUFFIX } from "../formats/sidecar-22.js";
import { readFailure } from "../util/read-error.js";

/**
 * Every `*.json` file under a folder and its sub-folders (as SynDisco's export reads them), sorted by
 * path. Hidden entries are skipped (an experiment's `.syndisco` folder and leftover temporary files), and so
 * are `*.meta.json` files, which hold what a SynDisco 2.2 file beside them has no room for.
 *
 * @param root - an absolute path.
 * @throws {@link InputError} naming the folder when it does not exist or is not a folder.
 */
export async function listJsonFiles(root: string, kind: string): Promise<string[]> {
  try {
    if (!(await stat(root)).isDirectory()) {
      throw new InputError("not a folder", { file: root, fix: `Pass the folder that holds the ${kind} files` });
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read the ${kind} folder (${readFailure(error)})`, {
      file: root,
      fix: `Pass the folder that holds the ${kind} files`,
    });
  }
  const files: string[] = [];
  await collect(root, files);
  return files.sort();
}

async function collect(folder: string, files: string[]): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await collect(path, files);
    else if (isOutputFile(entry.name) && (entry.isFile() || (await stat(path)).isFile())) files.push(path);
  }
}

function isOutputFile(name: string): boolean {
  return name.endsWith(".json") && !name.endsWith(META_SUFFIX);
}
