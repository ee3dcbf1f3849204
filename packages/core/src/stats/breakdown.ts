import { compareValues, type StatValue, summariseValues, type ValueSummary } from "./summarise-values.js";

/** A value an attribute takes: `null` groups the rows that do not have the attribute. */
export type GroupValue = string | number | boolean | null;

/** The values of one group of a breakdown. */
export interface BreakdownGroup extends ValueSummary {
  /** The attribute's value shared by the group. */
  value: GroupValue;
}

/** A measure's values grouped by one attribute (of the commenter, of the annotator, or any other column). */
export interface Breakdown {
  /** The column grouped by, e.g. `sex` (the commenter's) or `annot_sex` (the annotator's). */
  attribute: string;
  groups: BreakdownGroup[];
}

/** A value together with the columns of the annotation that gave it. */
export interface ValueWithColumns {
  columns: Readonly<Record<string, unknown>>;
  value: StatValue;
}

/**
 * Groups values by an attribute. A list attribute (such as `personality_characteristics`) puts a value in the
 * group of each item; objects are grouped by their JSON text. Groups come in value order, the missing last.
 */
export function breakdown(attribute: string, entries: readonly ValueWithColumns[]): Breakdown {
  const groups = new Map<GroupValue, StatValue[]>();
  for (const { columns, value } of entries) {
    for (const key of groupValuesOf(columns[attribute])) {
      const values = groups.get(key) ?? [];
      values.push(value);
      groups.set(key, values);
    }
  }
  return {
    attribute,
    groups: [...groups]
      .sort(([a], [b]) => compareGroups(a, b))
      .map(([value, values]) => ({ value, ...summariseValues(values) })),
  };
}

function groupValuesOf(cell: unknown): GroupValue[] {
  if (cell === undefined || cell === null || cell === "") return [null];
  if (Array.isArray(cell)) {
    const items = [...new Set(cell.flatMap(groupValuesOf))];
    return items.length > 0 ? items : [null];
  }
  if (typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean") return [cell];
  return [JSON.stringify(cell)];
}

function compareGroups(a: GroupValue, b: GroupValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareValues(typeof a === "boolean" ? String(a) : a, typeof b === "boolean" ? String(b) : b);
}
