// Number formatting for the results table.

/** `median (min–max)` with `digits` decimals, or "–" when nothing was measured. */
export function formatSummary(summary, digits = 1, prefix = "") {
  if (!summary) return "–";
  const number = (value) =>
    value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (summary.n === 1) return `${prefix}${number(summary.median)}`;
  return `${prefix}${number(summary.median)} (${number(summary.min)}–${number(summary.max)})`;
}

/** A share as a whole percentage, `median (min–max)`. */
export function formatShare(summary) {
  if (!summary) return "–";
  const percent = (value) => `${Math.round(value * 100)}%`;
  if (summary.n === 1) return percent(summary.median);
  return `${percent(summary.median)} (${percent(summary.min)}–${percent(summary.max)})`;
}
