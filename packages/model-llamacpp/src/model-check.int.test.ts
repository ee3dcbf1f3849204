import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { serveFile } from "../test/file-server.js";
import { temporaryFolder } from "../test/temporary-folder.js";
import { checkModelSource } from "./model-check.js";

describe.skipIf(!haveTestModels())("checkModelSource: what a dry run knows without loading or downloading", () => {
  const folder = temporaryFolder("model-check");
  afterAll(() => folder.remove());
  const options = () => ({ cacheDir: join(folder.path, "cache"), timeoutMs: 10_000 });

  it("accepts a GGUF file and rejects a file of another format", async () => {
    await expect(checkModelSource(modelPath("stories260K.gguf"), options())).resolves.toBeUndefined();
    const notGguf = join(folder.path, "model.gguf");
    writeFileSync(notGguf, "not a real model");
    await expect(checkModelSource(notGguf, options())).rejects.toThrow(
      `modelPath: ${notGguf} is not a GGUF file (it starts with "not ", not "GGUF")`,
    );
  });

  it("accepts a model URL that can be fetched, and downloads nothing", async () => {
    const server = await serveFile(modelPath("stories260K.gguf"), "stories260K.gguf");
    try {
      await expect(checkModelSource(server.url, options())).resolves.toBeUndefined();
      expect(server.requests.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
    expect(readdirSync(options().cacheDir)).toEqual([]);
  });

  it("rejects a model URL whose file is not on the server, as loading it would", async () => {
    const server = await serveFile(modelPath("stories260K.gguf"), "stories260K.gguf");
    const missing = server.url.replace("stories260K.gguf", "no-such-model.gguf");
    try {
      await expect(checkModelSource(missing, options())).rejects.toThrow(
        `modelPath: the model ${missing} cannot be downloaded (`,
      );
    } finally {
      await server.close();
    }
  });

  it("rejects a model URL whose host does not answer", async () => {
    // Port 9 (discard) has no server on this machine: the connection is refused at once.
    const uri = "http://127.0.0.1:9/model.gguf";
    await expect(checkModelSource(uri, options())).rejects.toThrow(
      /modelPath: the model http:\/\/127\.0\.0\.1:9\/model\.gguf is not in the cache folder .* and cannot be downloaded: http:\/\/127\.0\.0\.1:9 is unreachable/,
    );
  });
});
