import { resolve } from "node:path";
import { InputError, listJsonFiles } from "@syndisco/core";

/**
 * Refuses a folder that holds no discussion (or annotation) files with a fix in the command line's words.
 * Core refuses it too, but its fix names the library's classes, which a user of the command never met.
 *
 * @param fix - which command makes such files, e.g. "Run `syndisco run <config>` first".
 * @throws {@link InputError} naming the folder.
 */
export async function requireOutputFiles(
  folder: string,
  noun: "discussion" | "annotation",
  fix: string,
): Promise<void> {
  if ((await listJsonFiles(resolve(folder), `${noun}s`)).length > 0) return;
  throw new InputError(`the folder holds no ${noun} files (*.json)`, { file: folder, fix });
}

/** The fix for a folder without discussions. */
export const RUN_FIRST =
  "Run `syndisco run <config>` first, and give its output folder (the one that holds discussions/)";

/** The fix for a folder without annotations. */
export const ANNOTATE_FIRST =
  "Run `syndisco annotate <config>` (or a config with an annotation section) first, and give its output folder";
