import type { AnnotationRow } from "../export/import-annotations.js";
import type { DiscussionRow } from "../export/import-discussions.js";

/** An annotation together with the comment it judges, when the discussions are known. */
export interface JoinedAnnotation {
  annotation: AnnotationRow;
  /** The comment's row from the discussions export, with its author's persona attributes. */
  comment: DiscussionRow | undefined;
  /** The comment's 1-based position in its discussion, from the annotation or else from the comment. */
  messageOrder: number | null;
  /** Identifies the comment across annotators: its discussion and its position (or its message id). */
  commentKey: string;
  /** The comment's columns, then the annotation's: what a breakdown can group by. */
  columns: Readonly<Record<string, unknown>>;
}

/**
 * Pairs each annotation with its comment's row: by discussion and position where the annotation file records
 * the position (ours do), else by SynDisco's `message_id` (upstream files), which is ambiguous only when the
 * same text was posted twice in one discussion.
 */
export function joinComments(
  annotations: readonly AnnotationRow[],
  discussions: readonly DiscussionRow[] = [],
): JoinedAnnotation[] {
  const byPosition = new Map<string, DiscussionRow>();
  const byMessageId = new Map<string, DiscussionRow>();
  for (const row of discussions) {
    byPosition.set(positionKey(row.conv_id, row.message_order), row);
    if (!byMessageId.has(row.message_id)) byMessageId.set(row.message_id, row);
  }
  return annotations.map((annotation) => {
    const recordedOrder = annotation.message_order;
    const comment =
      recordedOrder === null
        ? byMessageId.get(annotation.message_id)
        : byPosition.get(positionKey(annotation.conv_id, recordedOrder));
    const messageOrder = recordedOrder ?? comment?.message_order ?? null;
    return {
      annotation,
      comment,
      messageOrder,
      commentKey:
        messageOrder === null
          ? `${annotation.conv_id}\u0000#${annotation.message_id}`
          : positionKey(annotation.conv_id, messageOrder),
      columns: { ...comment, ...annotation, message_order: messageOrder },
    };
  });
}

function positionKey(convId: string, order: number): string {
  return `${convId}\u0000${order}`;
}
