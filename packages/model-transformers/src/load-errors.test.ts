import { InputError } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { cudaStartError, explainLoadError } from "./load-errors.js";
import type { ModelSource } from "./model-source.js";

const HUB: ModelSource = {
  kind: "hub",
  id: "org/model",
  cacheDir: "/cache",
  revision: "main",
  missingFolder: "/cwd/org/model",
};
const LOCAL: ModelSource = { kind: "local", folder: "/models/mine" };

/** An error shaped like transformers.js's ModelFileNotFoundError (the class is not needed to tell it apart). */
function fileNotFound(message: string): Error {
  const error = new Error(message);
  error.name = "ModelFileNotFoundError";
  return error;
}

/** The error Node's fetch throws when the host cannot be reached. */
function fetchFailed(): TypeError {
  return new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND huggingface.co") });
}

describe("explainLoadError", () => {
  it("says a hub model is not fully cached when a file is missing offline", () => {
    const error = explainLoadError(fileNotFound("not found locally at tokenizer.json"), HUB, true);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^modelPath: the hub model "org\/model" is not completely in the cache \(\/cache\)/);
    expect(error.message).toMatch(/Download it once while online/);
  });

  it("says a hub id was not found, mentioning logins and the local folder that does not exist", () => {
    const error = explainLoadError(fileNotFound("Unauthorized access to file"), { ...HUB, revision: "v2" }, false);
    expect(error.message).toMatch(/"org\/model" was not found on the Hugging Face hub, or it needs a login/);
    expect(error.message).toMatch(
      /Check the model id and the revision "v2"; for a gated or private model set the HF_TOKEN/,
    );
    expect(error.message).toMatch(/no folder \/cwd\/org\/model exists/);
  });

  it("says the hub could not be reached, with the network's reason", () => {
    const error = explainLoadError(fetchFailed(), HUB, false);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /could not reach the Hugging Face hub to download "org\/model": fetch failed \(getaddrinfo ENOTFOUND huggingface\.co\)/,
    );
  });

  it("keeps other errors, naming the model and keeping the cause", () => {
    const original = new Error("Unsupported model type: mamba");
    const error = explainLoadError(original, LOCAL, false);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.message).toBe("could not load the model /models/mine: Unsupported model type: mamba");
    expect(error.cause).toBe(original);
  });
});

describe("cudaStartError", () => {
  it("explains a CUDA session that does not start, with the install hint", () => {
    const error = cudaStartError(new Error("libcudnn.so.9: cannot open shared object file"), {
      platformSupported: true,
      installed: true,
      ortFolder: "/ort",
    });
    expect(error.message).toMatch(/device "cuda": onnxruntime-node could not start its CUDA provider: libcudnn\.so\.9/);
    expect(error.message).toMatch(/cuDNN 9/);
  });
});
