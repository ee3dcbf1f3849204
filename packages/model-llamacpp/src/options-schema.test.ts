import { InputError } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { validateOptions } from "./options-schema.js";

const VALID = { modelPath: "model.gguf", name: "m", maxOutTokens: 20 };

describe("validateOptions", () => {
  it("accepts the documented options and trims strings", () => {
    const options = validateOptions({
      ...VALID,
      modelPath: "  model.gguf ",
      gpu: "auto",
      gpuLayers: "max",
      contextSize: 1024,
      threads: 1,
      parallel: 4,
      flashAttention: false,
      chatTemplate: "plain",
      temperature: 0,
      topP: 0.9,
      topK: 0,
      repeatPenalty: 1.1,
      seed: 7,
    });
    expect(options).toMatchObject({ modelPath: "model.gguf", gpu: "auto", parallel: 4, flashAttention: false });
  });

  it("accepts gpu: false and keeps the logger", () => {
    const logger = { warn() {} } as never;
    expect(validateOptions({ ...VALID, gpu: false, logger })).toMatchObject({ gpu: false, logger });
  });

  it("lists every bad option in one InputError that names it", () => {
    let error: unknown;
    try {
      validateOptions({
        ...VALID,
        gpu: "rocm" as never,
        parallel: 0,
        topP: 2,
        contextSize: 1.5,
        flashAttention: "yes" as never,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain('gpu: must be false, "auto", "cuda", "vulkan" or "metal"');
    expect(message).toContain("parallel:");
    expect(message).toContain("topP:");
    expect(message).toContain("contextSize:");
    expect(message).toContain('flashAttention: must be true, false or "auto"');
    expect(message).toContain("README");
  });

  it("rejects unknown keys, so that a typo is not ignored", () => {
    expect(() => validateOptions({ ...VALID, temprature: 0.5 } as never)).toThrow(/temprature/);
  });

  it("needs a model path, a name and maxOutTokens", () => {
    expect(() => validateOptions({ modelPath: " ", name: "", maxOutTokens: 0 })).toThrow(
      /modelPath: give a GGUF file or a model URI.*name: give the model a non-empty name.*maxOutTokens/,
    );
  });
});
