import { InputError } from "@syndisco/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type TransformersConfigOptions,
  type TransformersModelOptions,
  usesSampling,
  validateOptions,
} from "./options.js";

const VALID = { modelPath: "org/model", name: "model", maxOutTokens: 10 };

describe("validateOptions", () => {
  it("accepts valid options, trimming strings and keeping callbacks", () => {
    const onProgress = () => {};
    expect(validateOptions({ ...VALID, name: "  model ", device: "auto", dtype: "q4", onProgress })).toEqual({
      ...VALID,
      device: "auto",
      dtype: "q4",
      onProgress,
    });
  });

  it("lists every bad field in one InputError", () => {
    const bad = { ...VALID, batchSize: 0, device: "gpu", threads: 1 } as unknown as TransformersModelOptions;
    let error: unknown;
    try {
      validateOptions(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(/^invalid TransformersModel options: /);
    expect(message).toMatch(/batchSize: /);
    expect(message).toMatch(/device: /);
    expect(message).toMatch(/threads/);
    expect(message).toMatch(/README lists every option$/);
  });

  it("refuses doSample with temperature 0", () => {
    expect(() => validateOptions({ ...VALID, doSample: true, temperature: 0 })).toThrow(
      /temperature: temperature 0 means greedy decoding/,
    );
  });

  it("refuses a negative promptCacheMB and accepts 0 (no prompt cache)", () => {
    expect(() => validateOptions({ ...VALID, promptCacheMB: -1 })).toThrow(/promptCacheMB: /);
    expect(validateOptions({ ...VALID, promptCacheMB: 0 })).toEqual({ ...VALID, promptCacheMB: 0 });
  });

  it("refuses an empty model path", () => {
    expect(() => validateOptions({ ...VALID, modelPath: "  " })).toThrow(/modelPath: give a local model folder/);
  });
});

describe("usesSampling", () => {
  it("samples when told to, or when the temperature is above 0, and decodes greedily otherwise", () => {
    expect(usesSampling({})).toBe(false);
    expect(usesSampling({ temperature: 0 })).toBe(false);
    expect(usesSampling({ temperature: 0.7 })).toBe(true);
    expect(usesSampling({ temperature: 0.7, doSample: false })).toBe(false);
    expect(usesSampling({ doSample: true })).toBe(true);
  });
});

describe("option types", () => {
  it("lets every config option through to TransformersModel.load", () => {
    expectTypeOf<TransformersConfigOptions>().toExtend<TransformersModelOptions>();
  });
});
