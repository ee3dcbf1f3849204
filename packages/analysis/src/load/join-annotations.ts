import { type AnnotationRow, measureValues } from "@syndisco/core";
import type { AnalysedComment, AnalysedDiscussion } from "./analysed-discussion.js";

/** How many annotation rows found their discussion. */
export interface JoinCounts {
  /** Rows joined to a comment. */
  joined: number;
  /** Rows whose discussion is in no input. */
  withoutDiscussion: number;
}

/**
 * Adds each annotation's numeric values to the comment it judges: its discussion by `conv_id` (in every input
 * that holds it), the comment by position where the file records it (ours), else by SynDisco's message id.
 * Annotations of seed comments are left out, as seed comments are not comments. Labels (text answers) have no
 * mean and are left out too.
 */
export function joinAnnotations(
  discussions: readonly AnalysedDiscussion[],
  rows: readonly AnnotationRow[],
): JoinCounts {
  const byId = new Map<string, AnalysedDiscussion[]>();
  for (const discussion of discussions) {
    if (discussion.reference) continue;
    const sameId = byId.get(discussion.id);
    if (sameId) sameId.push(discussion);
    else byId.set(discussion.id, [discussion]);
  }
  const counts: JoinCounts = { joined: 0, withoutDiscussion: 0 };
  for (const row of rows) {
    const targets = byId.get(row.conv_id);
    if (!targets) {
      counts.withoutDiscussion += 1;
      continue;
    }
    const annotator = row.annotator || row.annotator_model;
    const values = measureValues(row.annotation_value).filter(({ value }) => typeof value === "number");
    let joined = false;
    for (const discussion of targets) {
      const comment = commentOf(discussion, row);
      if (!comment) continue;
      joined = true;
      for (const { measure, value } of values) {
        discussion.annotations.push({ annotator, measure, order: comment.order, value: value as number });
      }
    }
    if (joined) counts.joined += 1;
  }
  return counts;
}

function commentOf(discussion: AnalysedDiscussion, row: AnnotationRow): AnalysedComment | undefined {
  if (row.message_order !== null) return discussion.comments.find((comment) => comment.order === row.message_order);
  return discussion.comments.find((comment) => comment.messageId === row.message_id);
}
