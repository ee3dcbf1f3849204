import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError, importAnnotations, importDiscussions, writeCsv, writeJsonLines } from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { countOf } from "../plural.js";
import { outputFolders } from "../run/output-folders.js";
import { ANNOTATE_FIRST, RUN_FIRST, requireOutputFiles } from "../run/require-output-files.js";

/** Options of `syndisco export`. */
export interface ExportCommandOptions {
  /** `csv` or `jsonl` (one JSON object per line). */
  format: "csv" | "jsonl";
  /** The file to write. */
  out: string;
  /** Export the annotations of a run's output folder instead of its discussions. */
  annotations?: boolean;
}

/**
 * `syndisco export <dir>`: flattens a folder of discussion files (one row per comment) or annotation files
 * (one row per annotation) into one CSV or JSON Lines file with SynDisco's columns. `dir` may be a run's
 * output folder (its `discussions/` is used, or `annotations/` with `--annotations`) or a folder of files.
 */
export async function exportCommand(dir: string, options: ExportCommandOptions): Promise<ExitCode> {
  const { folder, kind } = sourceOf(dir, options.annotations ?? false);
  if (existsSync(options.out)) {
    throw new InputError("the file already exists and SynDisco never overwrites output", {
      file: options.out,
      fix: "Choose another --out, or delete the file",
    });
  }
  if (kind === "annotations") await requireOutputFiles(folder, "annotation", ANNOTATE_FIRST);
  else await requireOutputFiles(folder, "discussion", RUN_FIRST);
  const rows = kind === "annotations" ? await importAnnotations(folder) : await importDiscussions(folder);
  if (options.format === "csv") await writeCsv(rows, options.out);
  else await writeJsonLines(rows, options.out);
  process.stdout.write(
    `Wrote ${countOf(rows.length, kind === "annotations" ? "annotation row" : "comment row")} to ${options.out}\n`,
  );
  return ExitCode.OK;
}

/** The folder to read and what it holds. */
function sourceOf(dir: string, wantAnnotations: boolean): { folder: string; kind: "discussions" | "annotations" } {
  if (!existsSync(dir)) {
    throw new InputError("no such folder", {
      file: dir,
      fix: "Give a run's output folder or a folder of discussion files",
    });
  }
  const folders = outputFolders(dir);
  if (existsSync(folders.discussions)) {
    if (!wantAnnotations) return { folder: folders.discussions, kind: "discussions" };
    if (existsSync(folders.annotations)) return { folder: folders.annotations, kind: "annotations" };
    throw new InputError("this run has no annotations", {
      file: folders.annotations,
      fix: "Run `syndisco annotate` first, or export the discussions (without --annotations)",
    });
  }
  return { folder: dir, kind: wantAnnotations || holdsAnnotations(dir) ? "annotations" : "discussions" };
}

/** Whether the first JSON file of a folder is an annotation file (it has `conv_id`). */
function holdsAnnotations(dir: string): boolean {
  const first = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()[0];
  if (!first) return false;
  try {
    const data = JSON.parse(readFileSync(join(dir, first), "utf8")) as Record<string, unknown>;
    return typeof data === "object" && data !== null && "conv_id" in data;
  } catch {
    return false;
  }
}
