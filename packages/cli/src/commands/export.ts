import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  fileKindOf,
  HARDCODED_MODEL,
  InputError,
  importAnnotations,
  importDiscussions,
  listJsonFiles,
  readOutputFile,
  writeCsv,
  writeJsonLines,
} from "@syndisco/core";
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
  /**
   * The discussions that SynDisco 2.2 annotation files annotate (they do not hold the comments); a run's
   * `discussions/` by default.
   */
  discussions?: string;
}

/**
 * `syndisco export <dir>`: flattens a folder of discussion files (one row per comment) or annotation files
 * (one row per annotation) into one CSV or JSON Lines file with SynDisco's columns. `dir` may be a run's
 * output folder (its `discussions/` is used, or `annotations/` with `--annotations`) or a folder of files.
 */
export async function exportCommand(dir: string, options: ExportCommandOptions): Promise<ExitCode> {
  const { folder, kind, discussions } = await sourceOf(dir, options.annotations ?? false);
  if (options.discussions !== undefined && !existsSync(options.discussions)) {
    throw new InputError("no such folder", {
      file: options.discussions,
      field: "--discussions",
      fix: "Give the folder of the annotated discussion files",
    });
  }
  const discussionsDir = options.discussions ?? discussions;
  if (existsSync(options.out)) {
    throw new InputError("the file already exists and SynDisco never overwrites output", {
      file: options.out,
      fix: "Choose another --out, or delete the file",
    });
  }
  if (kind === "annotations") await requireOutputFiles(folder, "annotation", ANNOTATE_FIRST);
  else await requireOutputFiles(folder, "discussion", RUN_FIRST);
  const rows =
    kind === "annotations"
      ? await importAnnotations(folder, discussionsDir ? { discussionsDir } : {})
      : await importDiscussions(folder);
  if (options.format === "csv") await writeCsv(rows, options.out);
  else await writeJsonLines(rows, options.out);
  process.stdout.write(`Wrote ${rowsWritten(rows, kind)} to ${options.out}\n`);
  return ExitCode.OK;
}

/** What to export: the folder to read, what it holds, and for annotations the run's discussions. */
interface ExportSource {
  folder: string;
  kind: "discussions" | "annotations";
  discussions?: string;
}

/** The folder to read and what it holds. */
async function sourceOf(dir: string, wantAnnotations: boolean): Promise<ExportSource> {
  if (!existsSync(dir)) {
    throw new InputError("no such folder", {
      file: dir,
      fix: "Give a run's output folder or a folder of discussion files",
    });
  }
  const folders = outputFolders(dir);
  if (existsSync(folders.discussions)) {
    if (!wantAnnotations) return { folder: folders.discussions, kind: "discussions" };
    if (existsSync(folders.annotations)) {
      return { folder: folders.annotations, kind: "annotations", discussions: folders.discussions };
    }
    throw new InputError("this run has no annotations", {
      file: folders.annotations,
      fix: "Run `syndisco annotate` first, or export the discussions (without --annotations)",
    });
  }
  return { folder: dir, kind: wantAnnotations || (await holdsAnnotations(dir)) ? "annotations" : "discussions" };
}

/** Whether the first file of a folder is an annotation file, of SynDisco 2.0 or 2.2 (with its sidecar if any). */
async function holdsAnnotations(dir: string): Promise<boolean> {
  const first = (await listJsonFiles(resolve(dir), "discussions"))[0];
  if (!first) return false;
  try {
    const { data, sidecar } = await readOutputFile(first);
    return fileKindOf(data, sidecar) === "annotation";
  } catch {
    return false;
  }
}

/** What the rows are; comment rows say how many are seed comments, which `analyze` does not count. */
function rowsWritten(rows: readonly object[], kind: "annotations" | "discussions"): string {
  if (kind === "annotations") return countOf(rows.length, "annotation row");
  const seeds = rows.filter((row) => "model" in row && row.model === HARDCODED_MODEL).length;
  const counted = countOf(rows.length, "comment row");
  return seeds === 0 ? counted : `${counted} (${countOf(seeds, "seed comment")} among them, model ${HARDCODED_MODEL})`;
}
