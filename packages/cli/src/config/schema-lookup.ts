import type { z } from "zod";

/** What of a zod schema's definition the config messages read. */
interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/** Looks through optional, default and nullable wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let definition = definitionOf(current); definition.innerType; definition = definitionOf(current)) {
    current = definition.innerType;
  }
  return current;
}

/** The schema of the value at `path`, or undefined where that cannot be told (e.g. inside a union). */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return undefined;
    const definition = definitionOf(current);
    if (definition.type === "object") current = definition.shape?.[String(segment)];
    else if (definition.type === "record") current = definition.valueType;
    else if (definition.type === "array") current = definition.element;
    else return undefined;
    current = current && unwrap(current);
  }
  return current;
}

/** The keys an object schema allows at `path`, or undefined where that cannot be told. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const found = schemaAt(schema, path);
  const definition = found && definitionOf(found);
  return definition?.type === "object" && definition.shape ? Object.keys(definition.shape) : undefined;
}

/** The words a value at `path` may be (an enum's, a literal's, those of a union's options), if any. */
export function allowedWordsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const found = schemaAt(schema, path);
  return found ? wordsOf(found) : [];
}

function wordsOf(schema: z.ZodType): string[] {
  const definition = definitionOf(unwrap(schema));
  const values =
    definition.type === "enum"
      ? Object.values(definition.entries ?? {})
      : definition.type === "literal"
        ? (definition.values ?? [])
        : definition.type === "union"
          ? (definition.options ?? []).flatMap(wordsOf)
          : [];
  return values.filter((value): value is string => typeof value === "string");
}

/**
 * Where the value at `path` must be a mapping told apart by a key (`{ type: round_robin }`): that key and
 * its allowed values.
 */
export function taggedUnionAt(
  schema: z.ZodType,
  path: readonly PropertyKey[],
): { tag: string; values: string[] } | undefined {
  const found = schemaAt(schema, path);
  const definition = found && definitionOf(found);
  if (definition?.type !== "union" || !definition.discriminator) return undefined;
  const tag = definition.discriminator;
  const values = (definition.options ?? []).flatMap((option) => {
    const tagSchema = definitionOf(option).shape?.[tag];
    return tagSchema ? wordsOf(tagSchema) : [];
  });
  return { tag, values };
}
