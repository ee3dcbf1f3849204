import { type Stats, statSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../errors.js";
import { isErrnoException, systemErrorInWords } from "./system-error.js";

/** The system errors a write meets, in words a user understands. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  ENOENT: "a folder of the path does not exist",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many files are open",
  EIO: "the device failed to write",
};

/** Options of {@link writeError}. */
export interface WriteErrorOptions {
  /** What could not be done, e.g. "cannot write to the output folder". Default: "cannot write the file". */
  problem?: string;
}

/**
 * Turns a system error met while writing `path` into an {@link InputError} that names the path the user gave
 * (never a temporary file's), the reason in words with its code once, and a fix. Anything that is not a system
 * error (an InputError included) is returned unchanged, to be thrown as it is.
 */
export function writeError(
  path: string,
  error: unknown,
  { problem = "cannot write the file" }: WriteErrorOptions = {},
) {
  if (!isErrnoException(error) || error.code === undefined) return error;
  return new InputError(`${problem} (${systemErrorInWords(error, error.code, REASONS)})`, {
    file: path,
    fix: fixFor(path, error.code),
  });
}

function fixFor(path: string, code: string): string {
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return "Free some space, or choose a path on another disk";
    case "ENOTDIR": {
      const file = fileInTheWay(path);
      return file ? `${file} is a file: choose a path under a folder` : "Choose a path under a folder";
    }
    case "EISDIR":
      return "Give a file name, not a folder";
    case "ENAMETOOLONG":
      return "Choose a shorter path";
    default:
      return "Choose a path you can write to, or fix the permissions of its folder";
  }
}

/** The nearest part of `path` above it that exists and is not a folder, as the user wrote it. */
function fileInTheWay(path: string): string | undefined {
  for (let current = dirname(path); dirname(current) !== current; current = dirname(current)) {
    const info = statQuietly(current);
    if (info) return info.isDirectory() ? undefined : current;
  }
  return undefined;
}

/** The file's status, or undefined when it cannot be had (it is missing, or a file stands above it). */
function statQuietly(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
