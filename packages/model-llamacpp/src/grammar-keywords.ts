/**
 * JSON schema keywords that node-llama-cpp 3.21's grammar converter turns into grammar rules, and keywords that
 * only describe (and so constrain nothing). Anything else, such as `minimum`, `maximum` or `pattern`, the
 * converter drops without a word.
 */
const ENFORCED_KEYWORDS = new Set([
  "type",
  "properties",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "required",
  "items",
  "prefixItems",
  "minItems",
  "maxItems",
  "enum",
  "const",
  "oneOf",
  "$ref",
  "$defs",
  "minLength",
  "maxLength",
  "format",
]);
const DESCRIPTIVE_KEYWORDS = new Set(["description", "title", "default", "examples", "$schema", "$id", "$comment"]);

/**
 * The keywords of a JSON schema that a llama.cpp grammar cannot enforce, in the order found, each once. An
 * answer may break what they say; core's answer check still catches it.
 */
export function keywordsTheGrammarIgnores(schema: unknown): string[] {
  const ignored = new Set<string>();
  visit(schema, ignored);
  return [...ignored];
}

function visit(schema: unknown, ignored: Set<string>): void {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return;
  const node = schema as Record<string, unknown>;
  for (const keyword of Object.keys(node)) {
    if (!ENFORCED_KEYWORDS.has(keyword) && !DESCRIPTIVE_KEYWORDS.has(keyword)) ignored.add(keyword);
  }
  for (const child of [
    ...valuesOf(node.properties),
    ...valuesOf(node.$defs),
    node.additionalProperties,
    node.items,
    ...listOf(node.prefixItems),
    ...listOf(node.oneOf),
  ]) {
    visit(child, ignored);
  }
}

function valuesOf(value: unknown): unknown[] {
  return typeof value === "object" && value !== null ? Object.values(value) : [];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
