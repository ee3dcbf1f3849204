import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  fileKindOf,
  InputError,
  loadDiscussionFolder,
  parseAnnotationFile,
  parseDiscussionFile,
  readSidecar,
  sidecarPathOf,
} from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { renderAnnotation, renderDiscussion } from "../view/render-file.js";

/** Options of `syndisco view`. */
export interface ViewCommandOptions {
  /**
   * The discussions a SynDisco 2.2 annotation file annotates (it does not hold the comments); by default the
   * `discussions/` beside the `annotations/` folder that holds the file.
   */
  discussions?: string;
}

/**
 * `syndisco view <file>`: prints a discussion or annotation file readably, of SynDisco 2.0 or 2.2 (a 2.2
 * file we wrote is read with its sidecar `NAME.meta.json`).
 *
 * @throws {@link InputError} when the file cannot be read or is neither kind of file.
 */
export async function viewCommand(file: string, options: ViewCommandOptions = {}): Promise<ExitCode> {
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
  const sidecar = await readSidecar(sidecarPathOf(file));
  const width = Math.min(process.stdout.columns ?? 80, 100);
  const text =
    fileKindOf(data, sidecar) === "annotation"
      ? renderAnnotation(
          parseAnnotationFile(data, file, { sidecar, ...(await discussionsFor(data, file, sidecar, options)) }),
          { width },
        )
      : renderDiscussion(parseDiscussionFile(data, file, { sidecar }), { width });
  process.stdout.write(text);
  return ExitCode.OK;
}

/** The discussions a SynDisco 2.2 annotation file without a sidecar is matched to; none are needed otherwise. */
async function discussionsFor(data: unknown, file: string, sidecar: unknown, options: ViewCommandOptions) {
  if (sidecar !== undefined || (typeof data === "object" && data !== null && "conv_id" in data)) return {};
  const runDiscussions = join(dirname(dirname(file)), "discussions");
  const folder =
    options.discussions ??
    (basename(dirname(file)) === "annotations" && existsSync(runDiscussions) ? runDiscussions : undefined);
  return folder === undefined ? {} : { discussions: await loadDiscussionFolder(folder) };
}
