import { stringify } from "csv-stringify/sync";
import { writeFileAtomic } from "../util/atomic-write.js";

/** Rows to write: objects whose keys are column names (for example `DiscussionRow`s). */
export type ExportRows = readonly Readonly<Record<string, unknown>>[];

/**
 * Writes rows as CSV with a header. The columns are every key of every row, in the order first seen (so
 * the fixed columns come first, then persona attributes). Lists and objects (such as
 * `personality_characteristics`) are written as JSON text, e.g. `["patient","curious"]`, which Python's
 * `json.loads` reads back; booleans as `true`/`false`; missing values as empty cells.
 *
 * The file is written whole or not at all and never replaces an existing file.
 *
 * @throws {@link InputError} when the file already exists.
 */
export async function writeCsv(rows: ExportRows, path: string): Promise<void> {
  const columns = columnsOf(rows);
  const text = stringify(rows as Record<string, unknown>[], {
    header: true,
    columns,
    cast: {
      boolean: (value) => (value ? "true" : "false"),
      object: (value) => JSON.stringify(value),
    },
  });
  await writeFileAtomic(path, text);
}

/**
 * Writes rows as JSON Lines: one JSON object per line, lists kept as lists. Written whole or not at all;
 * never replaces an existing file.
 *
 * @throws {@link InputError} when the file already exists.
 */
export async function writeJsonLines(rows: ExportRows, path: string): Promise<void> {
  await writeFileAtomic(path, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
}

function columnsOf(rows: ExportRows): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}
