import { describe, expect, it } from "vitest";
import { assertModelUriForm } from "./model-uri-form.js";

describe("assertModelUriForm: what is malformed fails without the network", () => {
  it.each([
    "hf:bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M",
    "hf:bartowski/Qwen2.5-7B-Instruct-GGUF",
    "hf:owner/repo/file.gguf",
    "hf:owner/repo/sub/model-00001-of-00002.gguf#dev",
    "huggingface:owner/repo:UD-Q4_K_XL",
    "hf.co/owner/repo:latest",
    "https://example.com/models/model.gguf",
    "http://127.0.0.1:9/model.gguf",
  ])("accepts %s", (uri) => {
    expect(() => assertModelUriForm(uri)).not.toThrow();
  });

  it.each([
    "hf:bartowski",
    "hf:/repo:Q4_K_M",
    "hf:owner/",
    "hf:owner/repo:",
    "hf:owner/my repo:Q4_K_M",
    "hf:owner/repo/file.bin",
    "hf:owner/repo:Q4:K",
  ])("rejects the hub id %s, naming modelPath and the forms it may take", (uri) => {
    expect(() => assertModelUriForm(uri)).toThrow(
      `modelPath: the Hugging Face model id ${uri} is malformed. Write it as hf:owner/repo:Q4_K_M (a quantization) or hf:owner/repo/file.gguf`,
    );
  });

  it("rejects a URL without a host, hiding its credentials", () => {
    expect(() => assertModelUriForm("https://user:secret@")).toThrow(
      /modelPath: the model URL .* is not a valid address/,
    );
    expect(() => assertModelUriForm("https://user:secret@")).not.toThrow(/secret/);
  });
});
