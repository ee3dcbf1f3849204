import { isErrnoException, systemErrorInWords } from "./system-error.js";

/** The system errors a read meets, in words a user understands. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "it does not exist",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EMFILE: "too many files are open",
  EIO: "the device failed to read",
};

/**
 * Why reading a file or folder failed, in words with the system's code once ("it does not exist, ENOENT"),
 * for the parentheses of an {@link InputError} that names the path itself.
 */
export function readFailure(error: unknown): string {
  if (!isErrnoException(error) || error.code === undefined) {
    return error instanceof Error ? error.message : String(error);
  }
  return systemErrorInWords(error, error.code, REASONS);
}
