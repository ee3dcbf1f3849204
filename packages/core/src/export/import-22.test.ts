import { cp, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { annotator, freshDir, promptEchoModel } from "../../test/experiment-helpers.js";
import { Annotation } from "../jobs/annotation.js";
import { importAnnotations } from "./import-annotations.js";
import { importDiscussions } from "./import-discussions.js";
import { messageId } from "./message-id.js";
import { writeCsv } from "./write-rows.js";

const UPSTREAM_22 = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/upstream-2.2");
const CONV_ID = "25-06-12-16-02-33";

describe("importing SynDisco 2.2 files", () => {
  it("gives a discussion SynDisco's columns: id from the file name, personas from the prompts, the moderator", async () => {
    const rows = await importDiscussions(join(UPSTREAM_22, "discussions"));
    expect(rows.map((row) => [row.user, row.model, row.is_moderator, row.message_order])).toEqual([
      ["Giannis", "hardcoded", false, 1],
      ["Zoë", "llama-3.2-3b", false, 2],
      ["Moderator", "llama-3.2-3b", true, 3],
      ["Giannis", "llama-3.2-3b", false, 4],
    ]);
    expect(rows[3]).toEqual({
      conv_id: CONV_ID,
      timestamp: "25-06-12-16-02",
      ctx_length: null,
      conv_variant: "discussions",
      user: "Giannis",
      message: "They write whole levels now.",
      model: "llama-3.2-3b",
      is_moderator: false,
      message_id: messageId(CONV_ID, "They write whole levels now."),
      message_order: 4,
      age: 21,
      sex: "male",
      current_employment: "Game Developer",
      personality_characteristics: ["nerdy"],
    });
    expect(rows[2]).toMatchObject({ age: 41, current_employment: "Moderator" });
    // The moderator can be named instead, when no prompt says who moderates.
    const named = await importDiscussions(join(UPSTREAM_22, "discussions"), { moderator: "Zoë" });
    expect(named.filter((row) => row.is_moderator).map((row) => row.user)).toEqual(["Zoë"]);
  });

  it("matches an annotation to its discussion by position; without the discussions it says what to pass", async () => {
    const annotationsDir = join(UPSTREAM_22, "annotations");
    await expect(importAnnotations(annotationsDir)).rejects.toThrow(
      "a SynDisco 2.2 annotation file does not hold the comments it annotates",
    );
    const rows = await importAnnotations(annotationsDir, { discussionsDir: join(UPSTREAM_22, "discussions") });
    const comments = await importDiscussions(join(UPSTREAM_22, "discussions"));
    expect(rows.map((row) => [row.message_id, row.message_order, row.annotation, row.annotation_value])).toEqual(
      comments.map((comment, index) => [
        comment.message_id,
        comment.message_order,
        ["1", "2", "1", "3"][index],
        [1, 2, 1, 3][index],
      ]),
    );
    expect(rows[0]).toMatchObject({
      conv_id: CONV_ID,
      annotator: "Annotator1",
      annotator_model: "test_model",
      ctx_length: null,
      annot_age: 33,
      annot_education_level: "Master's",
      annotation_valid: null,
    });
  });

  it("annotates a hand-written 2.2 discussion and exports the result", async () => {
    const dir = await freshDir();
    await cp(join(UPSTREAM_22, "discussions"), join(dir, "discussions"), { recursive: true });
    const judge = annotator(promptEchoModel(), "Judge");
    const annotation = new Annotation({ annotator: judge, conversation: join(dir, "discussions", `${CONV_ID}.json`) });
    await annotation.begin({ verbose: false });
    await annotation.toJsonFile(join(dir, "annotations", "judge.json"));
    const rows = await importAnnotations(join(dir, "annotations"));
    const comments = await importDiscussions(join(dir, "discussions"));
    expect(rows.map((row) => row.message_id)).toEqual(comments.map((row) => row.message_id));
    expect(rows.map((row) => row.message_order)).toEqual([1, 2, 3, 4]);
    expect(new Set(rows.map((row) => row.conv_id))).toEqual(new Set([CONV_ID]));
    await writeCsv(rows, join(dir, "annotations.csv"));
    const csv = (await readFile(join(dir, "annotations.csv"), "utf8")).trimEnd().split("\n");
    expect(csv).toHaveLength(5);
    expect(csv[2]).toContain(`${CONV_ID},`);
    expect(csv[2]).toContain('"Not yet, ""work"" keeps me busy. Tell me more!"');
  });
});
