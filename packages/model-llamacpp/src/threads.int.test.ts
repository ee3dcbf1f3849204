import { availableParallelism } from "node:os";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-log.js";
import { loadTestModel } from "../test/load-test-model.js";
import { LlamaCppModel } from "./llamacpp-model.js";

const STORY = [{ role: "user" as const, content: "Once upon a time" }];

describe.skipIf(!haveTestModels())("the thread count of LlamaCppModel", () => {
  it("is picked without a threads option, logged at debug level, and never more than the cores", async () => {
    const log = captureLog();
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", logger: log.logger });
    try {
      // stories260K's 1.2 MB of weights are too few for a second thread to pay, on any machine.
      expect(model.threads).toBe(1);
      const [line] = log.debugLines().filter((entry) => String(entry.msg).startsWith("threads not set"));
      expect(line).toMatchObject({ model: "stories260K", threads: 1, modelsInProcess: 1, modelBytes: 1_185_376 });
      expect(line?.cores).toBeLessThanOrEqual(availableParallelism());
      expect(line?.msg).toMatch(/using 1 CPU thread\(s\): .* core\(s\) free .*Set threads to choose another/);
      expect((await model.prompt(STORY, { maxOutTokens: 8 })).completionTokens).toBe(8);
    } finally {
      await model.dispose();
    }
  });

  it("is the threads option when given, without a log line about it", async () => {
    const log = captureLog();
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", threads: 2, logger: log.logger });
    try {
      expect(model.threads).toBe(2);
      expect(log.debugLines().filter((entry) => String(entry.msg).startsWith("threads not set"))).toEqual([]);
    } finally {
      await model.dispose();
    }
  });

  it("counts the models open in this process, so that a second one shares the cores", async () => {
    const log = captureLog();
    const first = await loadTestModel("stories260K.gguf", { chatTemplate: "raw" });
    try {
      const second = await loadTestModel("tiny-random-llama.gguf", { logger: log.logger });
      await second.dispose();
    } finally {
      await first.dispose();
    }
    const third = await loadTestModel("tiny-random-llama.gguf", { logger: log.logger });
    await third.dispose();
    const counts = log.debugLines().map((entry) => entry.modelsInProcess);
    expect(counts).toEqual([2, 1]);
  });
});

describe("new LlamaCppModel(…)", () => {
  it("says to use LlamaCppModel.load, which is what loads a model", () => {
    const options = { modelPath: modelPath("stories260K.gguf"), name: "m", maxOutTokens: 5 };
    // A JavaScript caller can reach the private constructor; TypeScript would refuse this call.
    const construct = LlamaCppModel as unknown as new (options: object) => LlamaCppModel;
    expect(() => new construct(options)).toThrow(
      "a LlamaCppModel cannot be made with new, because loading a model takes time. Use `await LlamaCppModel.load(options)` with the same options",
    );
  });
});
