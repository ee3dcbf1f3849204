import { describe, expect, it } from "vitest";
import { answerColumns } from "./answer-columns.js";

describe("answerColumns", () => {
  it("reads the position, value and validity that our files record", () => {
    expect(answerColumns({ name: "Emma35", index: 2, value: 4, valid: true }, "4")).toEqual({
      message_order: 3,
      annotation_value: 4,
      annotation_valid: true,
    });
    expect(answerColumns({ index: 0, value: { toxicity: 2, target: "none" }, valid: true }, "{}")).toEqual({
      message_order: 1,
      annotation_value: { toxicity: 2, target: "none" },
      annotation_valid: true,
    });
    expect(answerColumns({ index: 1, value: null, valid: false, error: "no number" }, "banana")).toEqual({
      message_order: 2,
      annotation_value: null,
      annotation_valid: false,
    });
  });

  it("takes a plain-number answer as the value when validity is unknown (upstream files, no answer form)", () => {
    expect(answerColumns(undefined, " 3 ")).toEqual({
      message_order: null,
      annotation_value: 3,
      annotation_valid: null,
    });
    expect(answerColumns({ index: 4, latency_ms: 12 }, "-1.5")).toEqual({
      message_order: 5,
      annotation_value: -1.5,
      annotation_valid: null,
    });
    expect(answerColumns(undefined, "I would say 3")).toEqual({
      message_order: null,
      annotation_value: null,
      annotation_valid: null,
    });
  });

  it("ignores a malformed detail", () => {
    expect(answerColumns({ index: "two", valid: true, value: [1, 2] }, "2")).toEqual({
      message_order: null,
      annotation_value: null,
      annotation_valid: true,
    });
  });
});
