import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import {
  type AnnotationStats,
  annotationStats,
  type DiscussionRow,
  fileFormatOf,
  fileKindOf,
  InputError,
  importAnnotations,
  importDiscussions,
  listJsonFiles,
  readJsonFile,
  writeCsv,
} from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { countOf } from "../plural.js";
import { outputFolders } from "../run/output-folders.js";
import { ANNOTATE_FIRST, RUN_FIRST, requireOutputFiles } from "../run/require-output-files.js";
import { formatStats } from "../stats/format-stats.js";
import { statsCsvRows } from "../stats/stats-csv-rows.js";

/** Options of `syndisco stats`. */
export interface StatsCommandOptions {
  /** The annotated discussions' folder, for the commenter's persona (default: a run's `discussions/`). */
  discussions?: string;
  /** Attributes to break the values down by (`sex`, `annot_age`, `annotator`, `message_order`, …). */
  by?: string[];
  /** Also write every statistic to this CSV file (it must not exist yet). */
  csv?: string;
  /** Rows of each per-comment table on the terminal; 0 for all. Default 20. */
  maxRows?: number;
}

/**
 * `syndisco stats <dir>`: statistics of a folder of annotation files, or of a run's output folder (its
 * `annotations/`, with its `discussions/`): each annotator's invalid answers, Krippendorff's alpha overall and
 * per pair, each comment's mean, spread and count, and breakdowns by persona attributes. Tables on stdout;
 * with `--csv`, every statistic in one CSV.
 *
 * @throws {@link InputError} for a missing folder, an attribute in no row, or a CSV file that exists.
 */
export async function statsCommand(dir: string, options: StatsCommandOptions = {}): Promise<ExitCode> {
  const { annotations, discussions } = foldersOf(dir, options.discussions);
  if (options.csv && existsSync(options.csv)) {
    throw new InputError("the file already exists and SynDisco never overwrites output", {
      file: options.csv,
      fix: "Choose another --csv, or delete the file",
    });
  }
  if (annotations === dir) await refuseDiscussionsFolder(dir);
  await requireOutputFiles(annotations, "annotation", ANNOTATE_FIRST);
  if (discussions) await requireOutputFiles(discussions, "discussion", RUN_FIRST);
  // SynDisco 2.2's annotation files need their discussions to know which comments they annotate.
  const rows = await importAnnotations(annotations, discussions ? { discussionsDir: discussions } : {});
  const discussionRows: DiscussionRow[] | undefined = discussions ? await importDiscussions(discussions) : undefined;
  const stats: AnnotationStats = annotationStats(rows, {
    ...(discussionRows ? { discussions: discussionRows } : {}),
    by: options.by ?? [],
  });
  process.stdout.write(formatStats(stats, { maxRows: options.maxRows ?? 20 }));
  if (options.csv) {
    const csvRows = statsCsvRows(stats);
    await writeCsv(csvRows, options.csv);
    process.stdout.write(`\nWrote ${countOf(csvRows.length, "row")} of statistics to ${options.csv}\n`);
  }
  return ExitCode.OK;
}

/** The annotations folder and the discussions folder (if any) that `dir` and `--discussions` name. */
function foldersOf(dir: string, discussionsOption: string | undefined): { annotations: string; discussions?: string } {
  if (!existsSync(dir)) {
    throw new InputError("no such folder", {
      file: dir,
      fix: "Give a folder of annotation files, or a run's output folder",
    });
  }
  if (discussionsOption !== undefined && !existsSync(discussionsOption)) {
    throw new InputError("no such folder", {
      file: discussionsOption,
      field: "--discussions",
      fix: "Give the folder of the annotated discussion files",
    });
  }
  const run = outputFolders(dir);
  if (existsSync(run.annotations)) {
    const discussions = discussionsOption ?? (existsSync(run.discussions) ? run.discussions : undefined);
    return { annotations: run.annotations, ...(discussions ? { discussions } : {}) };
  }
  return { annotations: dir, ...(discussionsOption ? { discussions: discussionsOption } : {}) };
}

/**
 * A folder of discussion files given where annotations are expected (a run's `discussions/`, say) is named as
 * such, with the folder to give instead, rather than failing on its first file as "not an annotation file".
 */
async function refuseDiscussionsFolder(dir: string): Promise<void> {
  const [first] = await listJsonFiles(resolve(dir), "annotations");
  if (first === undefined) return;
  const data = await readJsonFile(first).catch(() => undefined);
  if (fileFormatOf(data, "discussion") === undefined || fileKindOf(data) !== "discussion") return;
  const run = dirname(resolve(dir));
  const inRun = basename(resolve(dir)) === "discussions" && existsSync(join(run, "annotations"));
  throw new InputError("this folder holds discussion files, and stats reads annotations", {
    file: dir,
    fix: inRun
      ? `Give the run's output folder (${run}) or its annotations folder (${join(run, "annotations")})`
      : "Give the run's output folder (the one that holds discussions/ and annotations/) or its annotations " +
        "folder; annotate the discussions first with `syndisco annotate <config>` if there is none",
  });
}
