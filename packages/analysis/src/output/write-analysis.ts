import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError, VERSION, writeFileAtomic } from "@syndisco/core";
import { stringify } from "csv-stringify/sync";
import type { Analysis, AnalysisTables } from "../analyse.js";
import type { TableRow } from "../tables/group-columns.js";
import { latexTable } from "./latex.js";
import { TABLE_LAYOUTS } from "./table-layouts.js";

/** The name of the JSON summary in the output folder. */
export const SUMMARY_FILE = "summary.json";

/**
 * The files of an analysis, by name: one CSV per table (full precision), the same tables in LaTeX (booktabs;
 * the per-discussion diversity only as CSV) and `summary.json` with every table and the inputs.
 */
export function analysisFiles(analysis: Analysis): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, layout] of Object.entries(TABLE_LAYOUTS)) {
    const rows = analysis.tables[name as keyof AnalysisTables];
    files.set(`${name}.csv`, csvText(rows, layout.columns));
    if (layout.latex) files.set(`${name}.tex`, latexTable(rows, layout));
  }
  const { values: _chartValues, ...summary } = analysis;
  files.set(SUMMARY_FILE, `${JSON.stringify({ syndisco_version: VERSION, ...summary }, null, 2)}\n`);
  return files;
}

/**
 * Writes an analysis into a folder (created when missing), each file whole or not at all.
 *
 * @throws {@link InputError} before writing anything when the path is a file or holds one of the files.
 */
export async function writeAnalysis(analysis: Analysis, outputDir: string): Promise<string[]> {
  const folder = resolve(outputDir);
  if (existsSync(folder) && !statSync(folder).isDirectory()) {
    throw new InputError("not a folder", { file: folder, fix: "Give --output-dir a folder (new or empty)" });
  }
  const files = analysisFiles(analysis);
  const taken = [...files.keys()].filter((name) => existsSync(join(folder, name)));
  if (taken.length > 0) {
    throw new InputError(`the folder already holds ${taken.join(", ")} and SynDisco never overwrites output`, {
      file: folder,
      fix: "Choose another --output-dir, or delete those files",
    });
  }
  const written: string[] = [];
  for (const [name, text] of files) {
    const path = join(folder, name);
    await writeFileAtomic(path, text);
    written.push(path);
  }
  return written;
}

/** CSV with the leading columns first, then any other column in the order first seen; nulls as empty cells. */
function csvText(rows: readonly TableRow[], leading: readonly string[]): string {
  const columns = new Set(leading);
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return stringify(rows as TableRow[], { header: true, columns: [...columns] });
}
