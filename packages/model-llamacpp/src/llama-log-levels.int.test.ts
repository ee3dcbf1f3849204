import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-log.js";
import { loadTestModel } from "../test/load-test-model.js";

const DEBUG_LEVEL = 20;
const WARN_LEVEL = 40;

describe.skipIf(!haveTestModels())("llama.cpp's own log lines", () => {
  it("go to debug, so loading stories260K prints no warning of llama.cpp's on the terminal", async () => {
    const log = captureLog();
    const model = await loadTestModel("stories260K.gguf", { logger: log.logger });
    await model.dispose();
    const fromLlama = log.lines().filter((line) => line.source === "llama.cpp");
    expect(fromLlama.filter((line) => line.level >= WARN_LEVEL)).toEqual([]);
    // The harmless tokenizer warning this GGUF causes (see ../shared/models/README.md) is still there for debugging.
    expect(fromLlama.filter((line) => line.level === DEBUG_LEVEL).map((line) => line.msg)).toContainEqual(
      expect.stringContaining("bad special token"),
    );
  });
});
