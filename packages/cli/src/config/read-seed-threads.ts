import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { InputError, type SeedItem } from "@syndisco/core";
import { parse } from "csv-parse/sync";
import type { LoadedConfig } from "./load-config.js";
import type { SeedThreadsSetting } from "./seed-schema.js";

/** One CSV row, with the line it ends on (for messages). */
interface CsvRow {
  values: Record<string, string>;
  line: number;
}

// A file is read once per run, however many study levels name it.
const cache = new Map<string, SeedItem[]>();

/**
 * The seed threads of a `seedThreads` setting: the CSV's rows grouped by `threadColumn` (threads in the order
 * they first appear), each thread's comments in file order or by `orderColumn`, each comment by the author its
 * row names (or, without `authorColumn`, by the participant at its position).
 *
 * @param field - where the setting is in the config (`discussions.seedThreads`), for errors.
 * @throws {@link InputError} naming the config, the field (the column at fault) and the CSV file when the file
 *   cannot be read, is not CSV, lacks a named column, has no rows, or has a row without a thread, text or author.
 */
export function readSeedThreads(config: LoadedConfig, setting: SeedThreadsSetting, field: string): SeedItem[] {
  const file = resolve(config.baseDir, setting.csv);
  const key = JSON.stringify([file, setting]);
  const cached = cache.get(key);
  if (cached) return cached;
  const shown = relative(process.cwd(), file) || file;
  const fail = (problem: string, at: string, fix: string): never => {
    throw new InputError(problem, { file: config.displayPath, field: `${field}.${at}`, fix });
  };
  const rows = readRows(file, shown, fail);
  const columns = Object.keys(rows[0]?.values ?? {});
  for (const at of ["threadColumn", "textColumn", "authorColumn", "orderColumn"] as const) {
    const column = setting[at];
    if (column !== undefined && !columns.includes(column)) {
      fail(
        `${shown} has no column "${column}" (its columns: ${columns.join(", ")})`,
        at,
        "Name one of its columns, or add the column to the file",
      );
    }
  }
  const threads = new Map<string, { text: string; name: string | undefined; order: number; line: number }[]>();
  for (const { values, line } of rows) {
    const where = `line ${line} of ${shown}`;
    const thread = values[setting.threadColumn]?.trim() ?? "";
    if (!thread) fail(`${where} has no thread id`, "threadColumn", "Fill it in, or remove the row");
    const text = values[setting.textColumn]?.trim() ?? "";
    if (!text) fail(`${where} (thread "${thread}") has no text`, "textColumn", "Write the comment, or remove the row");
    const name = setting.authorColumn === undefined ? undefined : (values[setting.authorColumn]?.trim() ?? "");
    if (name === "") fail(`${where} (thread "${thread}") has no author`, "authorColumn", "Fill in the username");
    const order = setting.orderColumn === undefined ? 0 : Number(values[setting.orderColumn]?.trim() || Number.NaN);
    if (!Number.isFinite(order)) {
      fail(`${where} (thread "${thread}") has no number in "${setting.orderColumn}"`, "orderColumn", "Write a number");
    }
    const comments = threads.get(thread) ?? [];
    const tie = setting.orderColumn === undefined ? undefined : comments.find((comment) => comment.order === order);
    if (tie) {
      fail(
        `lines ${tie.line} and ${line} of ${shown} are both at ${order} in thread "${thread}"`,
        "orderColumn",
        "Give each comment of a thread its own position",
      );
    }
    comments.push({ text, name, order, line });
    threads.set(thread, comments);
  }
  const items: SeedItem[] = [...threads.values()].map((comments) =>
    // A stable sort: without an order column every comment is at 0 and keeps the file's order.
    [...comments]
      .sort((a, b) => a.order - b.order)
      .map(({ text, name }) => (name === undefined ? text : { name, text })),
  );
  cache.set(key, items);
  return items;
}

function readRows(file: string, shown: string, fail: (problem: string, at: string, fix: string) => never): CsvRow[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      `cannot read ${shown} (${code === "ENOENT" ? "no such file" : (error as Error).message})`,
      "csv",
      "Check the path; it is read from the config file's folder",
    );
  }
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true });
  } catch (error) {
    return fail(
      `${shown} is not a CSV file with a header line (${(error as Error).message})`,
      "csv",
      "Write the column names on the first line and one comment per line below it",
    );
  }
  if (parsed.length === 0) {
    fail(`${shown} has no threads (no rows below its header)`, "csv", "Add one row per seed comment");
  }
  return parsed.map(({ record, info }) => ({ values: record, line: info.lines }));
}
