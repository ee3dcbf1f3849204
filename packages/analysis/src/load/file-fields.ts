/** Keys of a discussion file that hold the discussion itself, not something to group it by. */
const CONTENT_KEYS = new Set(["logs", "users", "user_prompts", "moderator_prompt"]);

/**
 * The fields of a discussion file that `--by` can group by: the levels of the study cell that wrote it
 * (`study.levels`: `model`, `moderation`, … by the factor's name), every top-level key whose value is text, a
 * number or true/false (`moderator`, `ctx_length`, a key a script added, …), and, one level down, the same
 * inside an object-valued key as `key.field` (`study.cell`). A factor's level wins over a key of its name.
 */
export function fileFields(file: Readonly<Record<string, unknown>>): Record<string, string> {
  const fields: Record<string, string> = {};
  const study = file.study;
  const levels = isPlainObject(study) ? study.levels : undefined;
  for (const [key, value] of Object.entries(file)) {
    if (CONTENT_KEYS.has(key)) continue;
    if (isScalar(value)) fields[key] = String(value);
    else if (isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (isScalar(innerValue)) fields[`${key}.${inner}`] = String(innerValue);
      }
    }
  }
  if (isPlainObject(levels)) {
    for (const [factor, level] of Object.entries(levels)) if (isScalar(level)) fields[factor] = String(level);
  }
  return fields;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
