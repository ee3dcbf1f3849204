import { rmSync } from "node:fs";
import { join } from "node:path";
import type { ProgressInfo } from "@huggingface/transformers";
import { InputError } from "@syndisco/core";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "../test/capture-logger.js";
import { linkModelFiles, MODEL_FILES, seedHubCache, temporaryFolder } from "../test/model-folders.js";
import { findCudaProvider } from "./cuda-provider.js";
import { TransformersModel } from "./transformers-model.js";

// Every use of the network in this file fails its test: transformers.js must not try it.
const networkCalls: string[] = [];
async function refuseNetwork(input: unknown): Promise<never> {
  networkCalls.push(String(input));
  throw new Error("this test forbids network access");
}

const PROMPT = [{ role: "user" as const, content: "Once upon a time" }];
const BASE = { name: "stories", maxOutTokens: 50, chatTemplate: "raw" } as const;
const HUB_ID = "syndisco-test/stories260K-onnx";
const cuda = findCudaProvider();

describe.skipIf(!haveTestModels())("loading without the network", () => {
  const cache = temporaryFolder("hub-cache");
  const folders = temporaryFolder("model-folders");

  beforeAll(async () => {
    vi.stubGlobal("fetch", refuseNetwork);
    // transformers.js keeps its own reference to fetch, taken when it was first imported.
    const { env } = await import("@huggingface/transformers");
    env.fetch = refuseNetwork;
    seedHubCache("stories260K-onnx", cache.path, HUB_ID);
  });
  beforeEach(() => {
    networkCalls.length = 0;
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    cache.remove();
    folders.remove();
  });

  it("loads a local folder without touching the network, even without localFilesOnly", async () => {
    const model = await TransformersModel.load({ ...BASE, modelPath: modelPath("stories260K-onnx") });
    try {
      expect(`Once upon a time${(await model.prompt(PROMPT)).text}`).toBe(STORIES_GREEDY_TEXT);
      expect(model.modelSource).toBe(modelPath("stories260K-onnx"));
    } finally {
      await model.dispose();
    }
    expect(networkCalls).toEqual([]);
  });

  it("loads a hub id from the cache with localFilesOnly, reporting progress", async () => {
    const events: ProgressInfo[] = [];
    const model = await TransformersModel.load({
      ...BASE,
      modelPath: HUB_ID,
      cacheDir: cache.path,
      localFilesOnly: true,
      onProgress: (info) => events.push(info),
    });
    try {
      expect(`Once upon a time${(await model.prompt(PROMPT)).text}`).toBe(STORIES_GREEDY_TEXT);
      expect(model.modelSource).toBe(`${HUB_ID} (Hugging Face hub)`);
    } finally {
      await model.dispose();
    }
    const doneFiles = events.flatMap((event) => (event.status === "done" ? [event.file] : []));
    expect(doneFiles).toEqual(expect.arrayContaining(["config.json", "tokenizer.json", "onnx/model.onnx"]));
    expect(networkCalls).toEqual([]);
  });

  it("says to download once when a hub id is not cached and localFilesOnly is set", async () => {
    const load = TransformersModel.load({
      ...BASE,
      modelPath: "syndisco-test/not-downloaded",
      cacheDir: cache.path,
      localFilesOnly: true,
    });
    await expect(load).rejects.toThrow(InputError);
    await expect(load).rejects.toThrow(
      /"syndisco-test\/not-downloaded" is not in the cache .* localFilesOnly forbids downloading it\. Download it once while online/,
    );
    expect(networkCalls).toEqual([]);
  });

  it("names the missing ONNX file when the cached copy lacks the chosen dtype", async () => {
    const load = TransformersModel.load({
      ...BASE,
      modelPath: HUB_ID,
      cacheDir: cache.path,
      localFilesOnly: true,
      dtype: "q4",
    });
    await expect(load).rejects.toThrow(
      /the cached copy of "syndisco-test\/stories260K-onnx" has no onnx\/model_q4\.onnx, the ONNX file for dtype "q4"/,
    );
    expect(networkCalls).toEqual([]);
  });

  it("reports a folder without config.json", async () => {
    const folder = join(folders.path, "no-config");
    linkModelFiles(
      "stories260K-onnx",
      folder,
      MODEL_FILES.filter((file) => file !== "config.json"),
    );
    const load = TransformersModel.load({ ...BASE, modelPath: folder });
    await expect(load).rejects.toThrow(InputError);
    await expect(load).rejects.toThrow(`${folder}: modelPath: the model folder has no config.json`);
  });

  it("reports a folder without the ONNX file of the dtype, listing the dtypes it has", async () => {
    const load = TransformersModel.load({ ...BASE, modelPath: modelPath("stories260K-onnx"), dtype: "q8" });
    await expect(load).rejects.toThrow(
      'the model folder has no onnx/model_quantized.onnx, the ONNX file for dtype "q8". ' +
        'It has onnx/model.onnx (dtype "fp32"): set dtype to one of those',
    );
  });

  it("reports a folder without any ONNX file", async () => {
    const folder = join(folders.path, "no-onnx");
    linkModelFiles(
      "stories260K-onnx",
      folder,
      MODEL_FILES.filter((file) => file !== "onnx/model.onnx"),
    );
    await expect(TransformersModel.load({ ...BASE, modelPath: folder })).rejects.toThrow(
      /has no onnx\/model\.onnx.*It has no onnx\/model\*\.onnx file at all/,
    );
  });

  it("reports a path that does not exist instead of trying the hub", async () => {
    const missing = join(folders.path, "gone");
    linkModelFiles("stories260K-onnx", missing, MODEL_FILES);
    rmSync(missing, { recursive: true });
    await expect(TransformersModel.load({ ...BASE, modelPath: missing })).rejects.toThrow(
      `modelPath: the model folder ${missing} does not exist`,
    );
    expect(networkCalls).toEqual([]);
  });

  it('uses CUDA for device "cuda" where the provider is installed, and explains how to install it elsewhere', async () => {
    const load = TransformersModel.load({ ...BASE, modelPath: modelPath("stories260K-onnx"), device: "cuda" });
    if (cuda.installed) {
      const model = await load;
      expect(model.device).toBe("cuda");
      expect(`Once upon a time${(await model.prompt(PROMPT)).text}`).toBe(STORIES_GREEDY_TEXT);
      await model.dispose();
      return;
    }
    await expect(load).rejects.toThrow(InputError);
    await expect(load).rejects.toThrow(
      /device: device "cuda": onnxruntime-node('s CUDA provider| has a CUDA provider only)/,
    );
    if (cuda.platformSupported)
      await expect(load).rejects.toThrow(/ONNXRUNTIME_NODE_INSTALL=cuda12 node .*install\.js/);
  });

  it('runs device "auto" on CUDA where it is installed, else on the CPU with one warning', async () => {
    const log = captureLog();
    const model = await TransformersModel.load({
      ...BASE,
      modelPath: modelPath("stories260K-onnx"),
      device: "auto",
      logger: log.logger,
    });
    try {
      expect(model.device).toBe(cuda.installed ? "cuda" : "cpu");
      expect(`Once upon a time${(await model.prompt(PROMPT)).text}`).toBe(STORIES_GREEDY_TEXT);
      if (!cuda.installed) {
        expect(log.warnings()).toHaveLength(1);
        expect(log.warnings()[0]).toMatch(/^device "auto": .*running on the CPU/);
      }
    } finally {
      await model.dispose();
    }
  });

  it("rejects a Jinja template that does not render", async () => {
    const load = TransformersModel.load({
      ...BASE,
      modelPath: modelPath("stories260K-onnx"),
      chatTemplate: "{% for message in messages %}{{ message.content ",
    });
    await expect(load).rejects.toThrow(InputError);
    await expect(load).rejects.toThrow(/chatTemplate: the Jinja template does not render/);
  });
});
