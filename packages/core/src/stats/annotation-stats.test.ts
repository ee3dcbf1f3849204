import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import type { AnnotationRow } from "../export/import-annotations.js";
import type { DiscussionRow } from "../export/import-discussions.js";
import { annotationStats, type MeasureStats } from "./annotation-stats.js";

/** An annotation row of comment `order` of discussion `conv`, with what a test cares about. */
function annotationRow(
  conv: string,
  order: number | null,
  annotator: string,
  value: AnnotationRow["annotation_value"],
  extra: Partial<AnnotationRow> = {},
): AnnotationRow {
  return {
    conv_id: conv,
    timestamp: "25-06-12-16-02",
    annotator_model: "scripted",
    message: `comment ${order}`,
    message_id: `${conv}-${order}`,
    message_order: order,
    annotation: value === null ? "no idea" : JSON.stringify(value),
    annotation_value: value,
    annotation_valid: value !== null,
    ctx_length: 3,
    annotator,
    annotation_variant: "annotations",
    ...extra,
  };
}

function commentRow(conv: string, order: number, user: string, persona: Record<string, unknown>): DiscussionRow {
  return {
    conv_id: conv,
    timestamp: "25-06-12-16-00",
    ctx_length: 3,
    conv_variant: "discussions",
    user,
    message: `comment ${order}`,
    model: "scripted",
    is_moderator: false,
    message_id: `${conv}-${order}`,
    message_order: order,
    ...persona,
  };
}

function measure(stats: { measures: MeasureStats[] }, name: string): MeasureStats {
  const found = stats.measures.find((entry) => entry.name === name);
  if (!found) throw new Error(`no measure ${name} in ${stats.measures.map((entry) => entry.name).join(", ")}`);
  return found;
}

describe("annotationStats on a scale", () => {
  // Comment 1: A=1, B=2. Comment 2: A=3, B=3. Comment 3: A=5, B invalid (a missing value).
  const rows = [
    annotationRow("d1", 1, "A", 1),
    annotationRow("d1", 2, "A", 3),
    annotationRow("d1", 3, "A", 5),
    annotationRow("d1", 1, "B", 2),
    annotationRow("d1", 2, "B", 3),
    annotationRow("d1", 3, "B", null, { annotation: "banana", annotation_valid: false }),
  ];
  const stats = annotationStats(rows);
  const scale = measure(stats, "annotation");

  it("gives each comment the mean, sample sd and count of its valid values", () => {
    expect(scale.kind).toBe("numeric");
    expect(scale.comments.map(({ message_order, count, mean, sd }) => ({ message_order, count, mean, sd }))).toEqual([
      { message_order: 1, count: 2, mean: 1.5, sd: expect.closeTo(Math.SQRT1_2, 10) },
      { message_order: 2, count: 2, mean: 3, sd: 0 },
      { message_order: 3, count: 1, mean: 5, sd: null },
    ]);
  });

  it("computes alpha at the ordinal and interval levels, the lone value of comment 3 unpaired", () => {
    // Pairable values 1, 2, 3, 3 (n = 4); o(1,2) = o(2,1) = 1, o(3,3) = 2; marginals n1 = n2 = 1, n3 = 2.
    // Interval: Do = 2·1², De = 2·(1·1·1 + 1·2·4 + 1·2·1) = 22, alpha = 1 − 3·2/22.
    // Ordinal: δ(1,2) = 1, δ(1,3) = (4 − 1.5)² = 6.25, δ(2,3) = (3 − 1.5)² = 2.25;
    //   Do = 2, De = 2·(1 + 2·6.25 + 2·2.25) = 36, alpha = 1 − 3·2/36.
    expect(scale.levels).toEqual(["ordinal", "interval"]);
    expect(scale.agreement.alpha.interval).toBeCloseTo(1 - 6 / 22, 10);
    expect(scale.agreement.alpha.ordinal).toBeCloseTo(1 - 6 / 36, 10);
    expect(scale.agreement).toMatchObject({ units: 2, values: 4 });
    expect(scale.pairs).toEqual([{ annotators: ["A", "B"], ...scale.agreement }]);
  });

  it("counts invalid answers per annotator", () => {
    expect(stats.annotators).toEqual([
      { annotator: "A", models: ["scripted"], answers: 3, valid: 3, invalid: 0, unparsed: 0, invalidShare: 0 },
      { annotator: "B", models: ["scripted"], answers: 3, valid: 2, invalid: 1, unparsed: 0, invalidShare: 1 / 3 },
    ]);
  });

  it("summarises all values together", () => {
    expect(scale.summary).toMatchObject({ count: 5, mean: 14 / 5, mode: 3, modeShare: 2 / 5 });
    expect(scale.summary.distribution).toEqual([
      { value: 1, count: 1 },
      { value: 2, count: 1 },
      { value: 3, count: 2 },
      { value: 5, count: 1 },
    ]);
  });
});

describe("annotationStats on labels", () => {
  // Comment 1: toxic, toxic. Comment 2: fine (A), toxic (B). Comment 3: fine by A, B and C.
  const rows = [
    annotationRow("d1", 1, "A", "toxic"),
    annotationRow("d1", 1, "B", "toxic"),
    annotationRow("d1", 2, "A", "fine"),
    annotationRow("d1", 2, "B", "toxic"),
    annotationRow("d1", 3, "A", "fine"),
    annotationRow("d1", 3, "B", "fine"),
    annotationRow("d1", 3, "C", "fine"),
  ];
  const labels = measure(annotationStats(rows), "annotation");

  it("computes nominal alpha, weighting the three-value comment by 1/(m − 1)", () => {
    // o(t,t) = 2, o(f,t) = o(t,f) = 1, o(f,f) = 6 · ½ = 3; n_t = 3, n_f = 4, n = 7.
    // Do = 2, De = 2·3·4 = 24, alpha = 1 − 6·2/24 = 0.5.
    expect(labels.kind).toBe("label");
    expect(labels.levels).toEqual(["nominal"]);
    expect(labels.agreement).toEqual({ alpha: { nominal: 0.5 }, units: 3, values: 7 });
  });

  it("computes alpha per pair, null where a pair shares only one unit of one value", () => {
    // A–B: o(t,t) = 2, o(f,t) = o(t,f) = 1, o(f,f) = 2; n_t = n_f = 3; alpha = 1 − 5·2/18.
    expect(labels.pairs).toEqual([
      { annotators: ["A", "B"], alpha: { nominal: expect.closeTo(1 - 10 / 18, 10) }, units: 3, values: 6 },
      { annotators: ["A", "C"], alpha: { nominal: null }, units: 1, values: 2 },
      { annotators: ["B", "C"], alpha: { nominal: null }, units: 1, values: 2 },
    ]);
  });

  it("gives labels a mode and its share instead of a mean", () => {
    expect(
      labels.comments.map(({ mean, sd, mode, modeShare, count }) => ({ mean, sd, mode, modeShare, count })),
    ).toEqual([
      { mean: null, sd: null, mode: "toxic", modeShare: 1, count: 2 },
      { mean: null, sd: null, mode: "fine", modeShare: 0.5, count: 2 },
      { mean: null, sd: null, mode: "fine", modeShare: 1, count: 3 },
    ]);
  });
});

describe("annotationStats on JSON answers", () => {
  it("makes each field a measure of its own, numbers numeric and enums or booleans labels", () => {
    const rows = [
      annotationRow("d1", 1, "A", { toxicity: 2, target: "person", sarcastic: false }),
      annotationRow("d1", 1, "B", { toxicity: 4, target: "person", sarcastic: true }),
    ];
    const stats = annotationStats(rows);
    expect(stats.measures.map(({ name, kind }) => [name, kind])).toEqual([
      ["annotation.toxicity", "numeric"],
      ["annotation.target", "label"],
      ["annotation.sarcastic", "label"],
    ]);
    expect(measure(stats, "annotation.toxicity").comments[0]).toMatchObject({ mean: 3, count: 2 });
    expect(measure(stats, "annotation.sarcastic").summary.distribution).toEqual([
      { value: "false", count: 1 },
      { value: "true", count: 1 },
    ]);
  });

  it("puts the whole-answer measure first when annotators of different forms are mixed", () => {
    const rows = [annotationRow("d1", 1, "A", { toxicity: 2 }), annotationRow("d1", 1, "B", "toxic")];
    expect(annotationStats(rows).measures.map((entry) => entry.name)).toEqual(["annotation", "annotation.toxicity"]);
  });

  it("compares a measure that mixes numbers and labels as labels", () => {
    const rows = [annotationRow("d1", 1, "A", 3), annotationRow("d1", 1, "B", "toxic")];
    const mixed = measure(annotationStats(rows), "annotation");
    expect(mixed.kind).toBe("label");
    expect(mixed.comments[0]?.distribution).toEqual([
      { value: "3", count: 1 },
      { value: "toxic", count: 1 },
    ]);
  });
});

describe("annotationStats breakdowns", () => {
  const discussions = [
    commentRow("d1", 1, "Emma35", { sex: "female", personality_characteristics: ["patient", "curious"] }),
    commentRow("d1", 2, "Giannis", { sex: "male", personality_characteristics: ["curious"] }),
    commentRow("d1", 3, "Margaret", {}),
  ];
  const rows = [
    annotationRow("d1", 1, "A", 1, { annot_age: 30 }),
    annotationRow("d1", 2, "A", 4, { annot_age: 30 }),
    annotationRow("d1", 3, "A", 2, { annot_age: 30 }),
    annotationRow("d1", 1, "B", 3, { annot_age: 50 }),
    annotationRow("d1", 2, "B", 5, { annot_age: 50 }),
  ];

  it("groups values by the commenter's attribute, the missing last, list items each in their group", () => {
    const [bySex, byTraits] = measure(
      annotationStats(rows, { discussions, by: ["sex", "personality_characteristics"] }),
      "annotation",
    ).breakdowns;
    expect(bySex?.attribute).toBe("sex");
    expect(bySex?.groups.map(({ value, count, mean }) => ({ value, count, mean }))).toEqual([
      { value: "female", count: 2, mean: 2 },
      { value: "male", count: 2, mean: 4.5 },
      { value: null, count: 1, mean: 2 },
    ]);
    expect(byTraits?.groups.map(({ value, count, mean }) => ({ value, count, mean }))).toEqual([
      { value: "curious", count: 4, mean: 3.25 },
      { value: "patient", count: 2, mean: 2 },
      { value: null, count: 1, mean: 2 },
    ]);
  });

  it("groups by the annotator's attributes and by position", () => {
    const [byAge, byOrder] = measure(
      annotationStats(rows, { discussions, by: ["annot_age", "message_order"] }),
      "annotation",
    ).breakdowns;
    expect(byAge?.groups.map(({ value, mean }) => [value, mean])).toEqual([
      [30, 7 / 3],
      [50, 4],
    ]);
    expect(byOrder?.groups.map(({ value, mean }) => [value, mean])).toEqual([
      [1, 2],
      [2, 4.5],
      [3, 2],
    ]);
  });

  it("names the attribute and the columns there are when an attribute is in no row", () => {
    expect(() => annotationStats(rows, { by: ["sex"] })).toThrow(InputError);
    expect(() => annotationStats(rows, { by: ["sex"] })).toThrow(
      /by: no annotation has the attribute "sex"\. Use one of: .*annot_age.*\(the commenter's attributes need the discussions\)/,
    );
    expect(() => annotationStats(rows, { discussions, by: ["gender"] })).toThrow(
      /no annotation or comment has the attribute "gender"\. Use one of: .*personality_characteristics.*sex/,
    );
  });
});

describe("annotationStats on upstream files", () => {
  it("counts plain-number answers, leaves others unparsed, and finds comments by message id", () => {
    const upstream = (order: number, annotator: string, text: string, value: number | null): AnnotationRow =>
      annotationRow("d1", null, annotator, value, {
        message: `comment ${order}`,
        message_id: `d1-${order}`,
        annotation: text,
        annotation_valid: null,
      });
    const rows = [upstream(1, "A", "2", 2), upstream(1, "B", "I would say 2", null), upstream(2, "A", "4", 4)];
    const discussions = [
      commentRow("d1", 1, "Emma35", { sex: "female" }),
      commentRow("d1", 2, "Giannis", { sex: "male" }),
    ];
    const stats = annotationStats(rows, { discussions, by: ["sex"] });
    expect(
      stats.annotators.map(({ annotator, valid, invalid, unparsed }) => [annotator, valid, invalid, unparsed]),
    ).toEqual([
      ["A", 2, 0, 0],
      ["B", 0, 0, 1],
    ]);
    const scale = measure(stats, "annotation");
    expect(scale.comments.map(({ message_order, user, mean }) => [message_order, user, mean])).toEqual([
      [1, "Emma35", 2],
      [2, "Giannis", 4],
    ]);
    expect(scale.breakdowns[0]?.groups.map(({ value, mean }) => [value, mean])).toEqual([
      ["female", 2],
      ["male", 4],
    ]);
  });

  it("has no measures when no answer can be used", () => {
    const stats = annotationStats([annotationRow("d1", 1, "A", null, { annotation_valid: null })]);
    expect(stats.measures).toEqual([]);
    expect(stats.annotators[0]).toMatchObject({ answers: 1, unparsed: 1, invalidShare: 1 });
  });
});
