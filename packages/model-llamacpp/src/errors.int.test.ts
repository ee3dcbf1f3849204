import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { getLlamaGpuTypes } from "node-llama-cpp";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-log.js";
import { loadTestModel } from "../test/load-test-model.js";
import { temporaryFolder } from "../test/temporary-folder.js";
import { LlamaCppModel } from "./llamacpp-model.js";

const BASE = { name: "m", maxOutTokens: 20, temperature: 0 };
const cudaWorks = (await getLlamaGpuTypes("supported")).includes("cuda");

/** Runs `load` and returns the InputError it fails with, and how long that took. */
async function loadError(load: () => Promise<LlamaCppModel>): Promise<{ error: InputError; ms: number }> {
  const started = performance.now();
  const error = await load().then(
    async (model) => {
      await model.dispose();
      throw new Error("the model loaded, but an error was expected");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return { error: error as InputError, ms: performance.now() - started };
}

describe.skipIf(!haveTestModels())("LlamaCppModel's errors", () => {
  const folder = temporaryFolder("errors");
  afterAll(() => folder.remove());

  it("names a missing model file", async () => {
    const missing = join(folder.path, "missing.gguf");
    const { error } = await loadError(() => LlamaCppModel.load({ ...BASE, modelPath: missing }));
    expect(error.field).toBe("modelPath");
    expect(error.message).toMatch(new RegExp(`^modelPath: no model file at ${missing}\\. Check the path`));
  });

  it("refuses a file that is not GGUF before llama.cpp reads it", async () => {
    const notGguf = join(folder.path, "model.bin");
    writeFileSync(notGguf, "PK\u0003\u0004 a zip archive, not a model");
    const { error } = await loadError(() => LlamaCppModel.load({ ...BASE, modelPath: notGguf }));
    // Binary first bytes are shown in hex, so that no control character reaches the terminal.
    expect(error.message).toContain(`${notGguf} is not a GGUF file (it starts with the bytes 50 4b 03 04, not "GGUF")`);
    expect(error.fix).toContain("Give a .gguf model");
  });

  it("names a GGUF file that llama.cpp cannot read", async () => {
    const broken = join(folder.path, "cut-short.gguf");
    writeFileSync(broken, Buffer.concat([Buffer.from("GGUF"), Buffer.from([3, 0, 0, 0]), Buffer.alloc(64, 7)]));
    const { error } = await loadError(() => LlamaCppModel.load({ ...BASE, modelPath: broken }));
    expect(error.field).toBe("modelPath");
    expect(error.message).toMatch(
      new RegExp(`^modelPath: llama\\.cpp could not load ${broken}: .+\\. Check that the file is a whole GGUF model`),
    );
  });

  it("refuses a prompt longer than the context, naming contextSize", async () => {
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", contextSize: 256 });
    try {
      const long = "Once upon a time there was a little girl named Lily. ".repeat(40);
      const refusal = model.prompt([{ role: "user", content: long }]);
      await expect(refusal).rejects.toThrow(InputError);
      await expect(refusal).rejects.toThrow(
        new RegExp(
          `^contextSize: the prompt has \\d+ tokens, which leaves no room for a reply in contextSize ${model.contextSize}\\. Raise contextSize \\(this model was trained with 2048 tokens\\)`,
        ),
      );
      // A prompt that fits still works on the same model.
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(`Once upon a time${reply.text}`.startsWith(STORIES_GREEDY_TEXT.slice(0, 60))).toBe(true);
    } finally {
      await model.dispose();
    }
  });

  it("caps a reply at the room left in the context and reports it as cut by length", async () => {
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", contextSize: 256, maxOutTokens: 400 });
    try {
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(reply.finishReason).toBe("length");
      expect((reply.promptTokens ?? 0) + (reply.completionTokens ?? 0)).toBe(model.contextSize - 1);
    } finally {
      await model.dispose();
    }
  });

  it.skipIf(cudaWorks)('refuses gpu: "cuda" without CUDA and names the fallbacks', async () => {
    const { error } = await loadError(() =>
      LlamaCppModel.load({ ...BASE, modelPath: modelPath("stories260K.gguf"), gpu: "cuda" }),
    );
    expect(error.field).toBe("gpu");
    expect(error.message).toMatch(/^gpu: gpu: "cuda" is not available on this machine/);
    expect(error.message).toContain('use gpu: "auto" (falls back to the CPU when cuda is missing) or gpu: false');
  });

  it('falls back to the CPU with gpu: "auto", warning once, when no GPU works', async () => {
    const log = captureLog();
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: "raw", gpu: "auto", logger: log.logger });
    try {
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(`Once upon a time${reply.text}`).toBe(STORIES_GREEDY_TEXT);
      if (model.gpu === false) {
        expect(log.warnings()).toEqual([
          'gpu: "auto" found no usable GPU (CUDA, Vulkan or Metal), so llama.cpp runs on the CPU',
        ]);
      } else {
        expect(log.warnings()).toEqual([]);
      }
    } finally {
      await model.dispose();
    }
  });
});

describe.skipIf(!haveTestModels())("model URIs", () => {
  const cache = temporaryFolder("uri-cache");
  const savedEndpoint = process.env.MODEL_ENDPOINT;
  afterEach(() => {
    if (savedEndpoint === undefined) delete process.env.MODEL_ENDPOINT;
    else process.env.MODEL_ENDPOINT = savedEndpoint;
  });
  afterAll(() => cache.remove());

  it("loads a model URI from the cache folder without the network", async () => {
    // node-llama-cpp keeps hf:owner/repo/file.gguf as hf_owner_repo_file.gguf in its cache folder.
    symlinkSync(modelPath("stories260K.gguf"), join(cache.path, "hf_syndisco_tiny_stories260K.gguf"));
    process.env.MODEL_ENDPOINT = "http://127.0.0.1:9/";
    const model = await LlamaCppModel.load({
      ...BASE,
      maxOutTokens: 50,
      chatTemplate: "raw",
      modelPath: "hf:syndisco/tiny/stories260K.gguf",
      cacheDir: cache.path,
    });
    try {
      expect(model.modelFile).toBe(join(cache.path, "hf_syndisco_tiny_stories260K.gguf"));
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(`Once upon a time${reply.text}`).toBe(STORIES_GREEDY_TEXT);
    } finally {
      await model.dispose();
    }
  });

  it("fails fast for an uncached URI when the download host is unreachable", async () => {
    // Port 9 (discard) on this machine refuses connections: a download host that cannot be reached.
    process.env.MODEL_ENDPOINT = "http://127.0.0.1:9/";
    const uri = "hf:syndisco/tiny/absent.gguf";
    const { error, ms } = await loadError(() => LlamaCppModel.load({ ...BASE, modelPath: uri, cacheDir: cache.path }));
    expect(ms).toBeLessThan(10_000);
    expect(error.field).toBe("modelPath");
    expect(error.message).toContain(
      `the model ${uri} is not in the cache folder ${cache.path} and cannot be downloaded: http://127.0.0.1:9 is unreachable`,
    );
    expect(error.fix).toBe(
      "Download it once while online (the same options then find it in the cache), or pass a local GGUF file as modelPath",
    );
  });

  it("fails fast on this offline machine for an uncached Hugging Face URI", async () => {
    delete process.env.MODEL_ENDPOINT;
    const uri = "hf:syndisco/tiny/absent.gguf";
    const { error, ms } = await loadError(() =>
      LlamaCppModel.load({ ...BASE, modelPath: uri, cacheDir: cache.path, downloadStallTimeoutMs: 5000 }),
    );
    expect(ms).toBeLessThan(15_000);
    expect(error.field).toBe("modelPath");
    // Offline, the host check fails; online, Hugging Face answers that the file does not exist.
    expect(error.message).toMatch(
      new RegExp(
        `(the model ${uri} is not in the cache folder .* and cannot be downloaded|could not download the model ${uri})`,
      ),
    );
    expect(error.message).toContain("local GGUF file as modelPath");
  });
});
