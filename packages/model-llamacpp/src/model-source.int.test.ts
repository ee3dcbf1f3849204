import { existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getLogger } from "@syndisco/core";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { serveFile } from "../test/file-server.js";
import { temporaryFolder } from "../test/temporary-folder.js";
import { LlamaCppModel } from "./llamacpp-model.js";
import { resolveModelUri } from "./model-source.js";

describe.skipIf(!haveTestModels())("downloading a model URI over HTTP", () => {
  const cache = temporaryFolder("download");
  afterAll(() => cache.remove());

  it("downloads once into the cache folder with progress on the given stream, then finds it offline", async () => {
    const source = modelPath("stories260K.gguf");
    const server = await serveFile(source, "stories260K.gguf");
    const progress: string[] = [];
    const options = {
      cacheDir: cache.path,
      stallTimeoutMs: 10_000,
      logger: getLogger("test"),
      progressStream: { isTTY: false, write: (text: string) => progress.push(text) },
    };
    let downloaded: string;
    try {
      downloaded = await resolveModelUri(server.url, options);
    } finally {
      await server.close();
    }
    expect(downloaded.startsWith(cache.path)).toBe(true);
    expect(statSync(downloaded).size).toBe(statSync(source).size);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(
      /^Downloading http:\/\/127\.0\.0\.1:\d+\/stories260K\.gguf: 100% \(1\.1\/1\.1 MB\)\n$/,
    );

    // The server is gone: the same URI now resolves from the cache alone, and the file is a working model.
    expect(await resolveModelUri(server.url, options)).toBe(downloaded);
    const model = await LlamaCppModel.load({
      modelPath: server.url,
      cacheDir: cache.path,
      name: "downloaded",
      maxOutTokens: 50,
      temperature: 0,
      chatTemplate: "raw",
    });
    try {
      expect(model.modelFile).toBe(downloaded);
      const reply = await model.prompt([{ role: "user", content: "Once upon a time" }]);
      expect(`Once upon a time${reply.text}`).toBe(STORIES_GREEDY_TEXT);
    } finally {
      await model.dispose();
    }
    expect(existsSync(downloaded)).toBe(true);
  });

  it("gives up on a download that stops making progress, naming the URI", async () => {
    const server = await serveFile(modelPath("stories260K.gguf"), "stalled.gguf", { stallAfterBytes: 4096 });
    const started = performance.now();
    try {
      const resolving = resolveModelUri(server.url, {
        cacheDir: cache.path,
        stallTimeoutMs: 1500,
        logger: getLogger("test"),
        progressStream: { isTTY: false, write: () => true },
      });
      await expect(resolving).rejects.toThrow(
        new RegExp(
          `^modelPath: could not download the model ${server.url}: no download progress for 1500 ms\\. Check the URI`,
        ),
      );
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });
});

describe("a model URL with a user name and password", () => {
  const cache = temporaryFolder("credentials");
  afterAll(() => cache.remove());

  it("is never shown with them, in errors or log lines", async () => {
    // A port on 127.0.0.1 where nothing listens: the download cannot start.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const lines: string[] = [];
    const logger = getLogger("test");
    const error = await resolveModelUri(`http://researcher:hf_T0kenT0ken@127.0.0.1:${port}/m.gguf`, {
      cacheDir: cache.path,
      stallTimeoutMs: 2000,
      logger,
      progressStream: { isTTY: false, write: (text: string) => lines.push(text) },
    }).catch((caught: unknown) => caught);
    expect(String(error)).toContain(`the model http://***@127.0.0.1:${port}/m.gguf is not in the cache folder`);
    expect([String(error), ...lines].join("\n")).not.toMatch(/researcher|T0ken/);
  });
});
