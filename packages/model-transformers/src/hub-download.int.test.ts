import { InputError } from "@syndisco/core";
import { afterAll, describe, expect, it } from "vitest";
import { temporaryFolder } from "../test/model-folders.js";
import { TransformersModel } from "./transformers-model.js";

describe("a hub id that cannot be downloaded", () => {
  const cache = temporaryFolder("empty-cache");
  afterAll(() => cache.remove());

  // Offline (as on this project's machines) the hub cannot be reached; online, this repository does not exist.
  // Either way the error names the model and says what to do, instead of a bare "fetch failed".
  it("is reported with the id and what to do", async () => {
    const id = "syndisco-test/no-such-model-anywhere";
    const load = TransformersModel.load({ modelPath: id, name: "missing", maxOutTokens: 5, cacheDir: cache.path });
    const error = await load.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("modelPath");
    expect((error as Error).message).toMatch(
      new RegExp(
        `(could not reach the Hugging Face hub to download "${id}"|"${id}" was not found on the Hugging Face hub)`,
      ),
    );
    expect((error as InputError).fix).toMatch(/local model folder/);
  });
});
