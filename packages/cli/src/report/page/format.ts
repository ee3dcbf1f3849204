/// <reference lib="dom" />

/** A number for people: whole numbers as they are, others to `digits` decimals; `–` for none. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** A share as a percentage with one decimal. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A value of a persona attribute or an answer, as text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A measure's name as the page shows it: `answer` for whole answers, the field's name for JSON answers. */
export function measureLabel(name: string): string {
  return name === "annotation" ? "answer" : name.replace(/^annotation\./, "");
}
