/** Keys of a discussion file that hold the discussion itself, not something to group it by. */
const CONTENT_KEYS = new Set(["logs", "users", "user_prompts", "moderator_prompt"]);

/**
 * The fields of a discussion file that `--by` can group by: every top-level key whose value is text, a
 * number or true/false (a study's factors, `moderator`, `ctx_length`, …), and, one level down, the same inside
 * an object-valued key as `key.field`.
 */
export function fileFields(file: Readonly<Record<string, unknown>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(file)) {
    if (CONTENT_KEYS.has(key)) continue;
    if (isScalar(value)) fields[key] = String(value);
    else if (isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (isScalar(innerValue)) fields[`${key}.${inner}`] = String(innerValue);
      }
    }
  }
  return fields;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
