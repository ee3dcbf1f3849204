import { randomBytes } from "node:crypto";
import { link, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../errors.js";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Replace a file that already exists at the path. Off by default: existing files are never lost. */
  overwrite?: boolean;
}

/**
 * Writes a file whole or not at all: the data goes to a temporary file in the same folder, is flushed to
 * disk, and only then takes the final name. Readers never see a partial file, and a crash leaves at most a
 * hidden `.tmp` file behind. Without `overwrite`, an existing file makes this fail instead of replacing it.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  { overwrite = false }: AtomicWriteOptions = {},
): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temporary, "wx");
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (overwrite) {
      await rename(temporary, path);
      return;
    }
    // link() fails when the destination exists, which makes "create, never replace" atomic.
    await link(temporary, path);
  } catch (error) {
    if (isErrnoException(error) && error.code === "EEXIST") {
      throw new InputError("the file already exists and SynDisco never overwrites output", {
        file: path,
        fix: "Choose another path, delete the file, or pass { overwrite: true }",
      });
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Narrows an unknown error to a Node.js system error with a `code`. */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}
