import { hideUrlCredentials, nearestName } from "@syndisco/core";
import type { z } from "zod";
import { allowedKeysAt, allowedWordsAt, taggedUnionAt } from "./schema-lookup.js";

/** One config problem in words: where it is, what is wrong, how to fix it. */
export interface ConfigProblem {
  /** The field path, e.g. `discussions.count` or `annotation.annotators[0].persona`. */
  field: string;
  problem: string;
  fix?: string;
}

/** Writes a field path as a user would: `a.b[0].c`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

/**
 * Turns zod's issues into problems a researcher can act on. `schema` is the schema that raised them; it is
 * used to list the keys allowed where an unknown key was found.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): ConfigProblem[] {
  return issues.flatMap((issue) => describeIssue(issue, schema));
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType): ConfigProblem[] {
  const field = formatFieldPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(schema, issue.path);
      return issue.keys.map((key) => ({
        field: formatFieldPath([...issue.path, key]),
        problem: "unknown key",
        fix: allowed
          ? `${didYouMean(key, allowed)}Remove it or fix its spelling; the keys allowed here are: ${allowed.join(", ")}`
          : "Remove it or fix its spelling",
      }));
    }
    case "invalid_type": {
      if (input === undefined) {
        return [{ field, problem: "missing", fix: `Add it (${describeExpected(issue.expected)})` }];
      }
      const tagged = issue.expected === "object" ? taggedUnionAt(schema, issue.path) : undefined;
      if (tagged && typeof input === "string") return [{ field, ...wordForMapping(input, tagged) }];
      return [
        {
          field,
          problem: `expected ${describeExpected(issue.expected)}, found ${describeValue(input)}`,
          fix: "Change the value to the expected type",
        },
      ];
    }
    case "invalid_value":
      return [{ field, ...unknownWord(input, issue.values.map(String)) }];
    case "too_small":
      return [{ field, ...describeBound(issue.origin, "least", issue.minimum, input) }];
    case "too_big":
      return [{ field, ...describeBound(issue.origin, "most", issue.maximum, input) }];
    case "invalid_key":
      return [
        {
          field,
          problem: `${describeValue(input)} is not an allowed name (${issue.issues[0]?.message ?? issue.message})`,
          fix: "Rename it",
        },
      ];
    case "invalid_union": {
      const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
      if (discriminator !== undefined && typeof input === "object" && input !== null) {
        // No option has this tag: `input` is the whole mapping, and the path ends at its tag.
        const tag = (input as Record<string, unknown>)[discriminator];
        const allowed = (options ?? taggedUnionAt(schema, issue.path.slice(0, -1))?.values ?? []).map(String);
        if (tag === undefined) return [{ field, problem: "missing", fix: `Add it: one of ${allowed.join(", ")}` }];
        return [{ field, ...unknownWord(tag, allowed) }];
      }
      const problem = `${issue.message}, found ${describeValue(input)}`;
      const nearest = typeof input === "string" ? nearestName(input, allowedWordsAt(schema, issue.path)) : undefined;
      return [nearest ? { field, problem, fix: `Did you mean "${nearest}"?` } : { field, problem }];
    }
    case "custom":
      // A refinement's input is the object it checks, not the value at its path: showing it would mislead.
      return [{ field, problem: issue.message }];
    default:
      return [
        { field, problem: input === undefined ? issue.message : `${issue.message}, found ${describeValue(input)}` },
      ];
  }
}

function describeBound(
  origin: string,
  side: "least" | "most",
  bound: number | bigint,
  input: unknown,
): Omit<ConfigProblem, "field"> {
  if (origin === "array" || origin === "set") {
    return { problem: `needs at ${side} ${bound} entr${bound === 1 ? "y" : "ies"}`, fix: "Add or remove entries" };
  }
  if (origin === "string") {
    return bound === 1 && side === "least"
      ? { problem: "must not be empty", fix: "Write a value between the quotes" }
      : { problem: `must have at ${side} ${bound} characters` };
  }
  return {
    problem: `must be at ${side} ${bound}, found ${describeValue(input)}`,
    fix: side === "least" ? `Use a number of at least ${bound}` : `Use a number of at most ${bound}`,
  };
}

const EXPECTED_NAMES: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of keys to values",
  record: "a mapping of keys to values",
};

function describeExpected(expected: string): string {
  return EXPECTED_NAMES[expected] ?? expected;
}

/**
 * A short, safe rendering of a value found in the config. The credentials of a URL are hidden before the
 * text is shortened, so that a cut cannot separate a password from the `@` that marks it.
 */
function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    const shown = hideUrlCredentials(value);
    return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 37)}...` : shown);
  }
  return String(value);
}

/** `Did you mean "x"? ` when one of `allowed` is close to `word`, else nothing. */
function didYouMean(word: string, allowed: readonly string[]): string {
  const nearest = nearestName(word, allowed);
  return nearest ? `Did you mean "${nearest}"? ` : "";
}

/** A value that is not one of the allowed words. */
function unknownWord(input: unknown, allowed: readonly string[]): Omit<ConfigProblem, "field"> {
  const hint = typeof input === "string" ? didYouMean(input, allowed) : "";
  return {
    problem: `${describeValue(input)} is not one of the allowed values`,
    fix: `${hint}Use one of: ${allowed.join(", ")}`,
  };
}

/** A word where a mapping told apart by a key belongs: `rondrobin` for `{ type: round_robin }`. */
function wordForMapping(
  input: string,
  { tag, values }: { tag: string; values: string[] },
): Omit<ConfigProblem, "field"> {
  const nearest = nearestName(input, values) ?? values[0];
  return {
    problem: `expected a mapping such as { ${tag}: ${nearest} }, found ${describeValue(input)}`,
    fix: `Write it as { ${tag}: ${nearest} }; the ${tag}s allowed here are: ${values.join(", ")}`,
  };
}
