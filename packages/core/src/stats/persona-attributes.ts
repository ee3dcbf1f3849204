import { ANNOTATION_COLUMNS, type AnnotationRow } from "../export/import-annotations.js";
import { DISCUSSION_COLUMNS, type DiscussionRow } from "../export/import-discussions.js";

/** The persona attributes that rows carry, as their columns are named. */
export interface PersonaAttributes {
  /** The commenters' attributes, as the discussions export names them (`age`, `sex`, …). */
  commenter: string[];
  /** The annotators' attributes, as the annotations export names them (`annot_age`, `annot_sex`, …). */
  annotator: string[];
}

/**
 * The persona attributes found in exported rows, in the order first seen: what an annotation breakdown can
 * group by besides the fixed columns.
 */
export function personaAttributes(
  annotations: readonly AnnotationRow[],
  discussions: readonly DiscussionRow[] = [],
): PersonaAttributes {
  return {
    commenter: extraColumns(discussions, DISCUSSION_COLUMNS),
    annotator: extraColumns(annotations, ANNOTATION_COLUMNS),
  };
}

function extraColumns(rows: readonly Readonly<Record<string, unknown>>[], fixed: ReadonlySet<string>): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!fixed.has(key)) columns.add(key);
  return [...columns];
}
