import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { temporaryFolder } from "../test/model-folders.js";
import { availableDtypes, checkModelFolder, onnxFileName } from "./model-files.js";
import { checkModelSource, defaultCacheDir, hubCacheFolder, resolveModelSource } from "./model-source.js";

const scratch = temporaryFolder("model-source");
afterAll(() => scratch.remove());
afterEach(() => vi.unstubAllEnvs());

/** Writes a folder with the given (empty) files. */
function folderWith(name: string, files: readonly string[]): string {
  const folder = join(scratch.path, name);
  for (const file of files) {
    mkdirSync(join(folder, file, ".."), { recursive: true });
    writeFileSync(join(folder, file), "{}");
  }
  mkdirSync(folder, { recursive: true });
  return folder;
}

const COMPLETE = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"];

describe("resolveModelSource", () => {
  it("takes an existing folder, relative paths resolving against baseDir", () => {
    const folder = folderWith("local-model", COMPLETE);
    expect(resolveModelSource(folder)).toEqual({ kind: "local", folder });
    expect(resolveModelSource("local-model", { baseDir: scratch.path })).toEqual({ kind: "local", folder });
  });

  it("takes a name that is no existing path as a hub id, cached in cacheDir", () => {
    expect(
      resolveModelSource("onnx-community/Qwen2.5-0.5B-Instruct", { baseDir: scratch.path, cacheDir: "/cache" }),
    ).toEqual({
      kind: "hub",
      id: "onnx-community/Qwen2.5-0.5B-Instruct",
      cacheDir: "/cache",
      revision: "main",
      missingFolder: join(scratch.path, "onnx-community/Qwen2.5-0.5B-Instruct"),
    });
  });

  it("reports a path-like value that does not exist instead of treating it as a hub id", () => {
    for (const path of ["./models/missing", "/no/such/folder", "../missing"]) {
      expect(() => resolveModelSource(path, { baseDir: scratch.path })).toThrow(/does not exist/);
    }
    expect(() => resolveModelSource("not a hub id!", { baseDir: scratch.path })).toThrow(InputError);
  });

  it("reports a file given instead of a folder", () => {
    const folder = folderWith("with-file", COMPLETE);
    expect(() => resolveModelSource(join(folder, "config.json"))).toThrow(/is a file, not a model folder/);
  });

  it("expands ~ to the home folder", () => {
    expect(() => resolveModelSource("~/syndisco-surely-missing-folder")).toThrow(
      join(homedir(), "syndisco-surely-missing-folder"),
    );
  });
});

describe("hub cache layout", () => {
  it("keeps the main revision under the id and other revisions under id/revision", () => {
    const hub = { kind: "hub", id: "org/model", cacheDir: "/cache", revision: "main", missingFolder: "/x" } as const;
    expect(hubCacheFolder(hub)).toBe(join("/cache", "org/model"));
    expect(hubCacheFolder({ ...hub, revision: "v2" })).toBe(join("/cache", "org/model", "v2"));
  });

  it("defaults to syndisco/transformers in the user's cache folder", () => {
    vi.stubEnv("XDG_CACHE_HOME", "/var/cache/me");
    expect(defaultCacheDir()).toBe(join("/var/cache/me", "syndisco", "transformers"));
  });

  it("requires a cached copy when localFilesOnly is set, and nothing before a download otherwise", () => {
    const cacheDir = join(scratch.path, "cache");
    const hub = resolveModelSource("org/not-cached", { baseDir: scratch.path, cacheDir });
    expect(() => checkModelSource(hub, "fp32", false)).not.toThrow();
    expect(() => checkModelSource(hub, "fp32", true)).toThrow(
      /"org\/not-cached" is not in the cache .*Download it once while online/,
    );
    folderWith("cache/org/cached", COMPLETE);
    const cached = resolveModelSource("org/cached", { baseDir: scratch.path, cacheDir });
    expect(() => checkModelSource(cached, "fp32", true)).not.toThrow();
  });
});

describe("checkModelFolder", () => {
  it("accepts a complete folder", () => {
    expect(() => checkModelFolder(folderWith("complete", COMPLETE), "fp32", "the model folder")).not.toThrow();
  });

  it("names each missing required file", () => {
    for (const missing of ["config.json", "tokenizer.json", "tokenizer_config.json"]) {
      const folder = folderWith(
        `without-${missing}`,
        COMPLETE.filter((file) => file !== missing),
      );
      expect(() => checkModelFolder(folder, "fp32", "the model folder")).toThrow(
        `${folder}: modelPath: the model folder has no ${missing}`,
      );
    }
  });

  it("names the ONNX file of the dtype and the dtypes the folder does have", () => {
    const folder = folderWith("quantized-only", [
      "config.json",
      "tokenizer.json",
      "tokenizer_config.json",
      "onnx/model_q4.onnx",
      "onnx/model_fp16.onnx",
    ]);
    expect(availableDtypes(folder)).toEqual(["fp16", "q4"]);
    expect(() => checkModelFolder(folder, "fp32", "the model folder")).toThrow(
      'dtype: the model folder has no onnx/model.onnx, the ONNX file for dtype "fp32". It has ' +
        'onnx/model_fp16.onnx (dtype "fp16"), onnx/model_q4.onnx (dtype "q4"): set dtype to one of those',
    );
  });

  it("maps every dtype to transformers.js's file name", () => {
    expect(onnxFileName("fp32")).toBe("onnx/model.onnx");
    expect(onnxFileName("q8")).toBe("onnx/model_quantized.onnx");
    expect(onnxFileName("q4f16")).toBe("onnx/model_q4f16.onnx");
  });
});
