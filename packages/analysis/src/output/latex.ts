import type { TableRow } from "../tables/group-columns.js";
import type { TableLayout } from "./table-layouts.js";

const SPECIAL = /[\\&%$#_{}~^]/g;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Text made safe for LaTeX: its special characters escaped. */
export function escapeLatex(text: string): string {
  return text.replace(SPECIAL, (character) => REPLACEMENTS[character] ?? `\\${character}`);
}

/** A number with a table's decimals, or as a whole number; `--` for a missing value; tiny p as `< 0.001`. */
export function formatCell(value: string | number | null | undefined, decimals: number | undefined, column: string) {
  if (value === null || value === undefined) return "--";
  if (typeof value === "string") return escapeLatex(value);
  if (decimals === undefined) return String(value);
  const smallest = 10 ** -decimals;
  if (column === "p" && value < smallest) return `$<$ ${smallest.toFixed(decimals)}`;
  return value.toFixed(decimals);
}

/**
 * A booktabs table (`\toprule`, `\midrule`, `\bottomrule`) of the layout's leading columns: text columns
 * left-aligned, number columns right-aligned, numbers rounded to the layout's decimals.
 */
export function latexTable(rows: readonly TableRow[], layout: TableLayout): string {
  const columns = layout.columns;
  const numeric = columns.map((column) => rows.some((row) => typeof row[column] === "number"));
  const lines = [
    `\\begin{tabular}{${numeric.map((isNumber) => (isNumber ? "r" : "l")).join("")}}`,
    "\\toprule",
    `${columns.map((column) => escapeLatex(column)).join(" & ")} \\\\`,
    "\\midrule",
    ...rows.map(
      (row) => `${columns.map((column) => formatCell(row[column], layout.decimals[column], column)).join(" & ")} \\\\`,
    ),
    "\\bottomrule",
    "\\end{tabular}",
  ];
  return `${lines.join("\n")}\n`;
}
