import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnnotationRow, type DiscussionRow, importAnnotations, importDiscussions } from "@syndisco/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseScore, makeAnnotatedRun, PARTICIPANTS } from "../../test/helpers/annotated-run.js";
import { buildReportData } from "./build-report-data.js";
import type { ReportData } from "./report-data.js";

describe("buildReportData", () => {
  const dir = mkdtempSync(join(tmpdir(), "syndisco-report-data-"));
  let discussions: DiscussionRow[];
  let annotations: AnnotationRow[];
  let data: ReportData;

  beforeAll(async () => {
    await makeAnnotatedRun(dir, { discussions: 4, turns: 3 });
    discussions = await importDiscussions(join(dir, "discussions"));
    annotations = await importAnnotations(join(dir, "annotations"));
    data = buildReportData(
      { discussions, annotations },
      { title: "Test", version: "9.9.9", generatedAt: new Date("2025-06-12T16:00:00Z") },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("makes one thread per discussion with every comment in order", () => {
    expect(data.discussions).toHaveLength(4);
    expect(data.discussions.flatMap((thread) => thread.comments.map((comment) => comment.text))).toEqual(
      discussions.map((row) => row.message),
    );
    expect(data.generatedAt).toBe("2025-06-12T16:00:00.000Z");
  });

  it("keeps each persona once and points the comments and participants at it", () => {
    const names = data.personas.map((persona) => persona.username);
    expect(new Set(names).size).toBe(names.length);
    for (const thread of data.discussions) {
      for (const comment of thread.comments) {
        const persona = data.personas[comment.persona ?? -1];
        expect(persona?.username).toBe(comment.user);
        expect(thread.participants).toContain(comment.persona);
      }
    }
    for (const persona of data.personas) expect(PARTICIPANTS).toContainEqual(persona);
  });

  it("attaches every annotator's answer to the comment it judges, with the parsed values", () => {
    expect(data.coders).toEqual(["Judge-A", "Judge-B", "Judge-C"]);
    for (const comment of data.discussions.flatMap((thread) => thread.comments)) {
      expect(comment.annotations.map((annotation) => data.coders[annotation.coder])).toEqual(data.coders);
      const byJudgeA = comment.annotations.find((annotation) => annotation.coder === 0);
      expect(byJudgeA).toMatchObject({
        valid: true,
        values: [{ measure: "annotation", value: baseScore(comment.text) }],
      });
      const byJudgeC = comment.annotations.find((annotation) => annotation.coder === 2);
      if (byJudgeC?.valid === false) expect(byJudgeC).toMatchObject({ values: [], raw: "I would rather not say." });
    }
  });

  it("carries breakdowns by every persona attribute, the annotator and the position, but no per-comment table", () => {
    const [measure] = data.measures;
    expect(measure?.name).toBe("annotation");
    expect(measure?.breakdowns.map((breakdown) => breakdown.attribute)).toEqual([
      ...data.attributes.commenter,
      ...data.attributes.annotator,
      "annotator",
      "message_order",
    ]);
    expect(data.attributes.commenter).toEqual(expect.arrayContaining(["age", "sex", "personality_characteristics"]));
    expect(data.attributes.annotator).toEqual(["annot_age", "annot_education_level"]);
    expect(measure).not.toHaveProperty("comments");
  });
});
