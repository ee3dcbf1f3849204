import { InputError } from "@syndisco/core";
import { type CudaProviderStatus, cudaInstallHint } from "./cuda-provider.js";
import { describeSource, type ModelSource } from "./model-source.js";

/**
 * Turns an error from transformers.js's loading into one that says what to do: a hub model that is not
 * cached while offline, a hub id that does not exist, a network failure. Other errors keep their message
 * and gain the model's name.
 */
export function explainLoadError(error: unknown, source: ModelSource, localFilesOnly: boolean): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (source.kind === "hub") {
    if (isFileNotFound(error) && localFilesOnly) {
      return new InputError(
        `the hub model "${source.id}" is not completely in the cache (${source.cacheDir}): ${message}`,
        {
          field: "modelPath",
          fix: "Download it once while online (load it without localFilesOnly, with the same cacheDir), or set modelPath to a local model folder",
        },
      );
    }
    if (isFileNotFound(error)) {
      return new InputError(`"${source.id}" was not found on the Hugging Face hub, or it needs a login: ${message}`, {
        field: "modelPath",
        fix:
          `Check the model id${source.revision === "main" ? "" : ` and the revision "${source.revision}"`}; for a ` +
          `gated or private model set the HF_TOKEN environment variable; or give a local model folder (no folder ` +
          `${source.missingFolder} exists)`,
      });
    }
    if (isNetworkFailure(error)) {
      return new InputError(
        `could not reach the Hugging Face hub to download "${source.id}": ${networkDetail(error)}`,
        {
          field: "modelPath",
          fix:
            "Check the network connection (and HTTPS_PROXY), or download the model once on a machine that is " +
            "online into the same cacheDir, or set modelPath to a local model folder",
        },
      );
    }
  }
  return new Error(`could not load the model ${describeSource(source)}: ${message}`, { cause: error });
}

/** The error for a CUDA session that failed to start although the CUDA provider is installed. */
export function cudaStartError(error: unknown, status: CudaProviderStatus): InputError {
  const message = error instanceof Error ? error.message : String(error);
  return new InputError(`device "cuda": onnxruntime-node could not start its CUDA provider: ${message}`, {
    field: "device",
    fix: `${cudaInstallHint(status)} Or set device to "cpu", or to "auto" to fall back to the CPU`,
  });
}

function isFileNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === "ModelFileNotFoundError";
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}

function networkDetail(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : undefined;
  return detail ? `${(error as Error).message} (${detail})` : (error as Error).message;
}
