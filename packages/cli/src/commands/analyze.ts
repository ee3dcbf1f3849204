import { type Analysis, analyse, writeAnalysis } from "@syndisco/analysis";
import { ExitCode } from "../exit-codes.js";
import { countOf } from "../plural.js";
import { textTable } from "../stats/text-table.js";

/** Options of `syndisco analyze`. */
export interface AnalyzeCommandOptions {
  /** The folder to write the tables into (created when missing; existing files are never replaced). */
  outputDir: string;
  /** Group by these fields: a study's factor, `model`, `folder` or `label`. */
  by?: string[];
  /** Human discussions as one more group: a CSV with `conv_id`, `text` and optionally `user`. */
  reference?: string;
  /** The seed of the bootstrap intervals. Default 0. */
  seed?: number;
  /** Worker threads for diversity. Default: all cores. */
  threads?: number;
}

/**
 * `syndisco analyze INPUT... --output-dir OUT`: the measures papers report, by group, from folders of
 * discussion files (each `path` or `label=path`) and optionally a reference CSV: CSV, LaTeX and JSON tables in
 * OUT, and the dataset table on stdout. Bad input is reported before anything is written.
 *
 * @throws {@link InputError} for a folder without discussion files, a CSV without `conv_id`/`text`, an unknown
 *   `--by` field, or an output folder that holds the tables already.
 */
export async function analyzeCommand(inputs: string[], options: AnalyzeCommandOptions): Promise<ExitCode> {
  const analysis = await analyse(inputs, {
    by: options.by ?? [],
    ...(options.reference === undefined ? {} : { reference: options.reference }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  const written = await writeAnalysis(analysis, options.outputDir);
  process.stdout.write(
    `${datasetTable(analysis)}\n${seedNote(analysis)}\nWrote ${written.length} files to ${options.outputDir}\n`,
  );
  return ExitCode.OK;
}

/**
 * What `comments` counts: the seed comments are left out (they are the config's text, not a model's), so it is
 * fewer than the comment rows `syndisco export` writes for the same run.
 */
function seedNote(analysis: Analysis): string {
  const total = analysis.tables.dataset.reduce(
    (sum, row) => sum + (typeof row.comments === "number" ? row.comments : 0),
    0,
  );
  if (analysis.seedCommentsLeftOut === 0) return "";
  const seeds = countOf(analysis.seedCommentsLeftOut, "seed comment");
  return `${countOf(total, "comment")} in all (${seeds} not counted; export writes them as rows with model hardcoded)\n`;
}

function datasetTable(analysis: Analysis): string {
  const round = (value: string | number | null | undefined) =>
    typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : "";
  const diversityOf = new Map(analysis.tables.diversity_summary.map((row) => [row.group, row.mean]));
  const number = (heading: string) => ({ heading, align: "right" as const });
  return textTable(
    [
      { heading: "group", maxWidth: 40 },
      number("discussions"),
      number("comments"),
      number("comments/discussion"),
      number("words/comment"),
      number("diversity"),
    ],
    analysis.tables.dataset.map((row) => [
      String(row.group),
      round(row.discussions),
      round(row.comments),
      round(row.comments_per_discussion_mean),
      round(row.words_per_comment_mean),
      round(diversityOf.get(row.group)),
    ]),
  );
}
