import type { AnnotationFile, DiscussionFile } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { renderAnnotation, renderDiscussion } from "./render-file.js";
import { wrapText } from "./wrap-text.js";

const discussion: DiscussionFile = {
  id: "d-1",
  timestamp: "25-06-12-15-20",
  users: ["Emma35", "Giannis", "Moderator"],
  moderator: "Moderator",
  user_prompts: [],
  moderator_prompt: null,
  ctx_length: 3,
  logs: [
    { name: "Emma35", text: "I finally got a moment to myself after a very long shift at the hospital.", model: "m" },
    { name: "Moderator", text: "", model: "m" },
  ],
};

describe("wrapText", () => {
  it("wraps at word boundaries, keeps line breaks and indents", () => {
    expect(wrapText("one two three four\nfive", 14, 2)).toBe("  one two\n  three four\n  five");
  });

  it("puts a word longer than the width on its own line instead of cutting it", () => {
    expect(wrapText("a supercalifragilistic b", 12)).toBe("a\nsupercalifragilistic\nb");
  });
});

describe("renderDiscussion", () => {
  it("shows the header, then each comment under User NAME posted:", () => {
    const text = renderDiscussion(discussion, { width: 40 });
    expect(text).toContain("Discussion d-1");
    expect(text).toContain("Users:     Emma35, Giannis, Moderator");
    expect(text).toContain("Moderator: Moderator");
    expect(text).toContain(
      "User Emma35 posted:  [m]\n  I finally got a moment to myself after\n  a very long shift at the hospital.",
    );
    expect(text).toContain("User Moderator posted:  [m]\n  (no reply)");
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
  });
});

describe("renderAnnotation", () => {
  it("shows each comment with its label, naming the speaker where the file records it", () => {
    const annotation: AnnotationFile = {
      conv_id: "d-1",
      timestamp: "25-06-12-15-30",
      annotator_model: "judge",
      annotator_prompt: {},
      ctx_length: 2,
      logs: [
        ["Hello there", "1"],
        ["You are wrong", "3"],
      ],
      annotator: "Annotator1",
      annotation_details: [{ name: "Emma35" }],
    };
    const text = renderAnnotation(annotation, { width: 60 });
    expect(text).toContain("Annotation of discussion d-1");
    expect(text).toContain("Annotator: Annotator1 (model judge)");
    expect(text).toContain("User Emma35 posted:\n  Hello there\n  → 1");
    expect(text).toContain("Comment 2:\n  You are wrong\n  → 3");
  });
});
