import { describe, expect, it } from "vitest";
import { isModelUri } from "./model-source.js";

describe("isModelUri", () => {
  it.each([
    "hf:owner/repo/file.gguf",
    "hf:owner/repo:Q4_K_M",
    "huggingface:owner/repo/file.gguf",
    "https://example.com/model.gguf",
    "HTTP://example.com/model.gguf",
    "hf.co/owner/repo/file.gguf",
  ])("treats %s as a URI", (value) => {
    expect(isModelUri(value)).toBe(true);
  });

  it.each(["model.gguf", "./models/model.gguf", "/abs/model.gguf", "C:\\models\\model.gguf", "hfmodel.gguf"])(
    "treats %s as a file path",
    (value) => {
      expect(isModelUri(value)).toBe(false);
    },
  );
});
