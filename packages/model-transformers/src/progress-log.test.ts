import { describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-logger.js";
import { createProgressLog } from "./progress-log.js";

const progress = (file: string, percent: number, total = 50e6) => ({
  status: "progress" as const,
  name: "org/model",
  file,
  progress: percent,
  loaded: (total * percent) / 100,
  total,
});

describe("createProgressLog", () => {
  it("logs each file once per quarter of its download", () => {
    const log = captureLog();
    const report = createProgressLog(log.logger, "org/model");
    for (const percent of [0, 3, 10, 26, 30, 49, 51, 76, 99, 100]) report(progress("onnx/model.onnx", percent));
    report(progress("tokenizer.json", 100, 2e6));
    report({ status: "done", name: "org/model", file: "onnx/model.onnx" });
    expect(log.infos()).toEqual([
      "org/model: onnx/model.onnx 0% of 50.0 MB",
      "org/model: onnx/model.onnx 25% of 50.0 MB",
      "org/model: onnx/model.onnx 50% of 50.0 MB",
      "org/model: onnx/model.onnx 75% of 50.0 MB",
      "org/model: onnx/model.onnx 100% of 50.0 MB",
      "org/model: tokenizer.json 100% of 2.0 MB",
    ]);
  });

  it("ignores progress without a known size", () => {
    const log = captureLog();
    createProgressLog(log.logger, "org/model")(progress("config.json", 50, 0));
    expect(log.infos()).toEqual([]);
  });
});
