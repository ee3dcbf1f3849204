import type { AnnotationFile, DiscussionFile } from "@syndisco/core";
import { wrapText } from "./wrap-text.js";

/** How wide the rendering may be, and where it came from. */
export interface RenderOptions {
  /** Columns; text is wrapped to fit. */
  width: number;
}

/** A discussion file as people read it: a header, then each comment under `User NAME posted:`. */
export function renderDiscussion(discussion: DiscussionFile, { width }: RenderOptions): string {
  const rule = "─".repeat(Math.min(width, 80));
  const header = [
    `Discussion ${discussion.id}`,
    `Time:      ${discussion.timestamp}`,
    `Users:     ${discussion.users.join(", ")}`,
    `Moderator: ${discussion.moderator ?? "none"}`,
    `Comments:  ${discussion.logs.length}`,
  ];
  const comments = discussion.logs.map((entry) => {
    const model = entry.model ? `  [${entry.model}]` : "";
    return `User ${entry.name} posted:${model}\n${wrapText(entry.text || "(no reply)", width, 2)}`;
  });
  return [header.join("\n"), rule, comments.join("\n\n"), ""].join("\n");
}

/** An annotation file: a header, then each comment with the annotator's label under it. */
export function renderAnnotation(annotation: AnnotationFile, { width }: RenderOptions): string {
  const rule = "─".repeat(Math.min(width, 80));
  const annotator = typeof annotation.annotator === "string" ? annotation.annotator : undefined;
  const details = Array.isArray(annotation.annotation_details) ? annotation.annotation_details : [];
  const header = [
    `Annotation of discussion ${annotation.conv_id}`,
    `Time:      ${annotation.timestamp}`,
    `Annotator: ${annotator ? `${annotator} ` : ""}(model ${annotation.annotator_model})`,
    `Comments:  ${annotation.logs.length}`,
  ];
  const comments = annotation.logs.map(([comment, label], index) => {
    const name = (details[index] as { name?: unknown } | undefined)?.name;
    const heading = typeof name === "string" ? `User ${name} posted:` : `Comment ${index + 1}:`;
    return `${heading}\n${wrapText(comment || "(empty)", width, 2)}\n  → ${label || "(no label)"}`;
  });
  return [header.join("\n"), rule, comments.join("\n\n"), ""].join("\n");
}
