/**
 * The compact JSON text of the answer that a reply's token budget must always fit, for a JSON schema: every
 * `enum` (and `oneOf`) at its longest choice, booleans as `false`, free strings at their `minLength`, free
 * numbers as `0`, arrays at their `minItems`. For a schema of enums and booleans only (a scale or label answer
 * form) this is the longest answer the grammar allows, whitespace aside; with free text or numbers in it, real
 * answers are longer.
 */
export function answerToFit(schema: unknown): string {
  return JSON.stringify(valueToFit(schema));
}

function valueToFit(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return null;
  const node = schema as Record<string, unknown>;
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum)) return longest(node.enum);
  if (Array.isArray(node.oneOf)) return longest(node.oneOf.map(valueToFit));
  if (isRecord(node.properties)) {
    return Object.fromEntries(Object.entries(node.properties).map(([name, field]) => [name, valueToFit(field)]));
  }
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case "boolean":
      return false;
    case "string":
      return "a".repeat(count(node.minLength));
    case "number":
    case "integer":
      return 0;
    case "array":
      return Array.from({ length: count(node.minItems) }, () => valueToFit(node.items));
    case "object":
      return {};
    default:
      return null;
  }
}

function longest(values: readonly unknown[]): unknown {
  const size = (value: unknown) => JSON.stringify(value ?? null).length;
  return values.reduce((chosen, value) => (size(value) > size(chosen) ? value : chosen), values[0] ?? null);
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
