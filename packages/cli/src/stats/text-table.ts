/** One column of a {@link textTable}. */
export interface TextColumn {
  heading: string;
  /** Numbers read best right-aligned. Default `left`. */
  align?: "left" | "right";
  /** Longer cells are cut with `…`. Default: no limit. */
  maxWidth?: number;
}

/**
 * A table for the terminal: a heading row, a rule, then the rows, columns padded to their widest cell and
 * separated by two spaces. Line breaks inside a cell become spaces.
 */
export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((column, index) => fit(row[index] ?? "", column.maxWidth)));
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...cells.map((row) => (row[index] ?? "").length)),
  );
  const line = (row: readonly string[]) =>
    columns
      .map((column, index) => {
        const width = widths[index] ?? 0;
        const cell = row[index] ?? "";
        return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  return [line(columns.map((column) => column.heading)), rule, ...cells.map(line)].join("\n");
}

function fit(text: string, maxWidth: number | undefined): string {
  const flat = text.replace(/\s*\n\s*/g, " ");
  if (maxWidth === undefined || flat.length <= maxWidth) return flat;
  return `${flat.slice(0, Math.max(0, maxWidth - 1))}…`;
}
