import { describe, expect, it } from "vitest";
import type { AnnotationRow } from "../export/import-annotations.js";
import type { DiscussionRow } from "../export/import-discussions.js";
import { personaAttributes } from "./persona-attributes.js";

describe("personaAttributes", () => {
  it("lists the columns that are not fixed ones, in the order first seen", () => {
    const comment = (user: string, persona: Record<string, unknown>): DiscussionRow => ({
      conv_id: "d1",
      timestamp: "t",
      ctx_length: 3,
      conv_variant: "v",
      user,
      message: "hello",
      model: "m",
      is_moderator: false,
      message_id: "x",
      message_order: 1,
      ...persona,
    });
    const annotation: AnnotationRow = {
      conv_id: "d1",
      timestamp: "t",
      annotator_model: "m",
      message: "hello",
      message_id: "x",
      message_order: 1,
      annotation: "2",
      annotation_value: 2,
      annotation_valid: true,
      ctx_length: 3,
      annotator: "A",
      annotation_variant: "v",
      annot_age: 40,
    };
    const discussions = [
      comment("Emma35", { age: 38, sex: "female" }),
      comment("Giannis", { persona_model: "x", age: 21 }),
    ];
    expect(personaAttributes([annotation], discussions)).toEqual({
      commenter: ["age", "sex", "persona_model"],
      annotator: ["annot_age"],
    });
    expect(personaAttributes([annotation])).toEqual({ commenter: [], annotator: ["annot_age"] });
  });
});
