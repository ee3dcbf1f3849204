import { readFile } from "node:fs/promises";
import { InputError, parseAnnotationFile, parseDiscussionFile } from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { renderAnnotation, renderDiscussion } from "../view/render-file.js";

/**
 * `syndisco view <file>`: prints a discussion or annotation file readably.
 *
 * @throws {@link InputError} when the file cannot be read or is neither kind of file.
 */
export async function viewCommand(file: string): Promise<ExitCode> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError(`cannot read it as JSON (${reason})`, {
      file,
      fix: "Give a discussion or annotation file that syndisco run wrote",
    });
  }
  const width = Math.min(process.stdout.columns ?? 80, 100);
  const isAnnotation = typeof data === "object" && data !== null && "conv_id" in data;
  const text = isAnnotation
    ? renderAnnotation(parseAnnotationFile(data, file), { width })
    : renderDiscussion(parseDiscussionFile(data, file), { width });
  process.stdout.write(text);
  return ExitCode.OK;
}
