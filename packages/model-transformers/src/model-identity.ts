import { join } from "node:path";
import { modelFileIdentity } from "@syndisco/core";
import { onnxFileName } from "./model-files.js";
import type { ModelSource } from "./model-source.js";
import { type TransformersDtype, type TransformersModelOptions, usesSampling } from "./options.js";

/**
 * What of a transformers.js model changes its replies, for `BaseModel.identity` (and so an experiment's
 * fingerprint): the ONNX file's size and sampled hash (for a hub model: its id and revision), the dtype, the
 * chat template and the sampling options. Device, threads and batch size change only speed and are left out.
 */
export async function transformersIdentity(
  source: ModelSource,
  dtype: TransformersDtype,
  options: TransformersModelOptions,
): Promise<Record<string, unknown>> {
  return {
    backend: "transformers",
    model:
      source.kind === "local"
        ? await modelFileIdentity(join(source.folder, onnxFileName(dtype)))
        : { hubId: source.id, revision: source.revision },
    dtype,
    chatTemplate: options.chatTemplate ?? "auto",
    sampling: {
      doSample: usesSampling(options),
      temperature: options.temperature,
      topP: options.topP,
      topK: options.topK,
      repetitionPenalty: options.repetitionPenalty,
      seed: options.seed,
    },
  };
}
