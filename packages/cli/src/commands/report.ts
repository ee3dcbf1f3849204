import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { analyse, analysisCharts } from "@syndisco/analysis";
import { type AnnotationRow, InputError, importAnnotations, importDiscussions, writeFileAtomic } from "@syndisco/core";
import { ExitCode } from "../exit-codes.js";
import { countOf } from "../plural.js";
import { buildReportData } from "../report/build-report-data.js";
import { loadReportAssets } from "../report/load-report-assets.js";
import { renderReportHtml } from "../report/render-report-html.js";
import { outputFolders } from "../run/output-folders.js";
import { RUN_FIRST, requireOutputFiles } from "../run/require-output-files.js";
import { CLI_VERSION } from "../version.js";

/** Options of `syndisco report`. */
export interface ReportCommandOptions {
  /** The HTML file to write; it must not exist yet. */
  out: string;
  /** The page's title; default `SynDisco report: <folder name>`. */
  title?: string;
}

/**
 * `syndisco report <dir> --out report.html`: one self-contained HTML file of a run's output folder (its
 * `discussions/` and, when there, `annotations/`): threads with persona cards and annotation badges, tables
 * and charts of the annotations. It opens offline and never replaces an existing file.
 *
 * @throws {@link InputError} when the folder is not a run's output folder or the output file exists.
 */
export async function reportCommand(dir: string, options: ReportCommandOptions): Promise<ExitCode> {
  const folders = outputFolders(dir);
  if (!existsSync(folders.discussions)) {
    throw new InputError("not a run's output folder (it has no discussions/ folder)", {
      file: dir,
      fix: "Give the output folder of a run (the one that holds discussions/ and annotations/)",
    });
  }
  if (existsSync(options.out)) {
    throw new InputError("the file already exists and SynDisco never overwrites output", {
      file: options.out,
      fix: "Choose another --out, or delete the file",
    });
  }
  await requireOutputFiles(folders.discussions, "discussion", RUN_FIRST);
  const discussions = await importDiscussions(folders.discussions);
  const annotations: AnnotationRow[] = existsSync(folders.annotations)
    ? await importAnnotations(folders.annotations, { discussionsDir: folders.discussions })
    : [];
  const data = buildReportData(
    { discussions, annotations },
    {
      title: options.title ?? `SynDisco report: ${basename(resolve(dir))}`,
      version: CLI_VERSION,
      generatedAt: new Date(),
    },
  );
  // The measures of `syndisco analyze`, with the run as one group, for the analysis charts.
  data.analysis = analysisCharts(await analyse([dir]));
  const html = renderReportHtml(data, await loadReportAssets());
  await writeFileAtomic(options.out, html);
  const size = (Buffer.byteLength(html) / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `Wrote the report of ${countOf(data.discussions.length, "discussion")} and ${countOf(annotations.length, "annotation")} to ${options.out} (${size} MB)\n`,
  );
  return ExitCode.OK;
}
