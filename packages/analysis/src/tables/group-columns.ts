import type { DiscussionGroup } from "../load/group-by.js";

/** A table row: column name to value; `null` is an empty cell. */
export type TableRow = Record<string, string | number | null>;

/**
 * A row of `columns` followed by the group's `--by` values, each under its field's name (a field whose name
 * is taken by one of the row's columns is left out: the `group` column holds its value already).
 */
export function withGroupValues(columns: TableRow, group: DiscussionGroup): TableRow {
  const row: TableRow = { ...columns };
  for (const [field, value] of Object.entries(group.values)) if (!(field in row)) row[field] = value;
  return row;
}
