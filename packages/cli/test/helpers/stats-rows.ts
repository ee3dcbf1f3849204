import type { AnnotationRow, DiscussionRow } from "@syndisco/core";

/**
 * Three comments of one discussion, by Emma35 (female), Giannis (male) and Sofia (no sex given), rated on a
 * scale by A (1, 3, 5) and B (2, 3, and an invalid answer).
 */
export function scaleRows(): { annotations: AnnotationRow[]; discussions: DiscussionRow[] } {
  const authors: [string, Record<string, unknown>][] = [
    ["Emma35", { sex: "female" }],
    ["Giannis", { sex: "male" }],
    ["Sofia", {}],
  ];
  const discussions = authors.map(
    ([user, persona], index): DiscussionRow => ({
      conv_id: "d1",
      timestamp: "25-06-12-16-00",
      ctx_length: 3,
      conv_variant: "discussions",
      user,
      message: `comment number ${index + 1}`,
      model: "scripted",
      is_moderator: false,
      message_id: `m${index + 1}`,
      message_order: index + 1,
      ...persona,
    }),
  );
  const answer = (annotator: string, order: number, value: number | null): AnnotationRow => ({
    conv_id: "d1",
    timestamp: "25-06-12-16-05",
    annotator_model: "scripted",
    message: `comment number ${order}`,
    message_id: `m${order}`,
    message_order: order,
    annotation: value === null ? "banana" : String(value),
    annotation_value: value,
    annotation_valid: value !== null,
    ctx_length: 3,
    annotator,
    annotation_variant: "annotations",
    annot_age: annotator === "A" ? 30 : 50,
  });
  return {
    discussions,
    annotations: [
      answer("A", 1, 1),
      answer("A", 2, 3),
      answer("A", 3, 5),
      answer("B", 1, 2),
      answer("B", 2, 3),
      answer("B", 3, null),
    ],
  };
}
