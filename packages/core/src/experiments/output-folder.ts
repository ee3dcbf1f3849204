import { mkdir, readdir, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InputError } from "../errors.js";
import { writeError } from "../util/write-error.js";
import { acquireFolderLock } from "./folder-lock.js";
import { type StatePaths, statePaths } from "./state-paths.js";

/** An output folder that this run holds the lock of. */
export interface OutputFolder extends StatePaths {
  /** Releases the lock. */
  release(): Promise<void>;
}

// The temporary files that writeFileAtomic writes before renaming: `.<name>.<pid>.<8 hex>.tmp`.
const TEMPORARY_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Creates the output folder if needed, checks that it can be written, and takes its lock.
 *
 * @throws {@link InputError} naming the folder when it cannot be created or written, or another run holds it.
 */
export async function openOutputFolder(outputDir: string): Promise<OutputFolder> {
  if (typeof outputDir !== "string" || outputDir.trim() === "") {
    throw new InputError("an output folder is required", { field: "outputDir", fix: "Pass outputDir: './output'" });
  }
  const paths = statePaths(resolve(outputDir));
  try {
    await mkdir(paths.stateDir, { recursive: true });
  } catch (error) {
    throw notWritable(paths.outputDir, error);
  }
  let release: () => Promise<void>;
  try {
    release = await acquireFolderLock(paths.lockFile, paths.outputDir);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw notWritable(paths.outputDir, error);
  }
  return { ...paths, release };
}

/**
 * Deletes the temporary files that a crash left behind in the output folder (a file being written when
 * the process died). Only call it while holding the folder's lock: a live run's temporary files look alike.
 *
 * @returns how many were deleted.
 */
export async function removeTemporaryFiles(outputDir: string): Promise<number> {
  const names = (await readdir(outputDir)).filter((name) => TEMPORARY_FILE.test(name));
  await Promise.all(names.map((name) => unlink(join(outputDir, name)).catch(() => undefined)));
  return names.length;
}

function notWritable(outputDir: string, error: unknown): unknown {
  return writeError(outputDir, error, { problem: "cannot write to the output folder" });
}
