/**
 * JSON text exactly as Python's `json.dumps` writes it with its defaults: `", "` between items, `": "` after
 * keys, and every character outside printable ASCII escaped as `\uXXXX` (astral characters as a surrogate
 * pair). SynDisco 2.2's prompts are this text, so a model sees the same bytes from us as from upstream.
 */
export function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${asciiString(key)}: ${pythonJsonDumps(item)}`).join(", ")}}`;
  }
  if (typeof value === "string") return asciiString(value);
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  return JSON.stringify(value) ?? "null";
}

/** A JSON string with Python's `ensure_ascii` escapes (JSON.stringify already escapes quotes and controls). */
function asciiString(text: string): string {
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, "0")}`,
  );
}
