/**
 * The persona inside an actor description from a discussion or annotation file. SynDisco writes each
 * description as an object, some of its versions as a JSON string; text that is neither (the oldest
 * versions' free-form prompts) has no persona to read.
 */
export function personaOf(description: unknown): Record<string, unknown> | undefined {
  let value = description;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value)) return undefined;
  let persona = value.persona;
  if (typeof persona === "string") {
    try {
      persona = JSON.parse(persona);
    } catch {
      return undefined;
    }
  }
  return isRecord(persona) ? persona : undefined;
}

/**
 * One column per persona attribute, `username` left out (the row names its author already). Columns are
 * named `prefix + attribute`; an attribute whose name is taken by a fixed column gets `persona_` in front.
 */
export function personaColumns(
  persona: Record<string, unknown> | undefined,
  prefix: string,
  fixedColumns: ReadonlySet<string>,
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (!persona) return columns;
  for (const [attribute, value] of Object.entries(persona)) {
    if (attribute === "username") continue;
    const name = `${prefix}${attribute}`;
    columns[fixedColumns.has(name) ? `persona_${name}` : name] = value;
  }
  return columns;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
