import type { PreTrainedModel, PreTrainedTokenizer, ProgressInfo } from "@huggingface/transformers";
import { InputError, type Logger } from "@syndisco/core";
import type { CudaProviderStatus, DevicePlan, SessionDevice } from "./cuda-provider.js";
import { cudaStartError, explainLoadError } from "./load-errors.js";
import { withLoadingEnv } from "./loading-env.js";
import type { ModelSource } from "./model-source.js";
import type { TransformersDtype } from "./options.js";

/** What {@link loadModel} needs. */
export interface LoadRequest {
  source: ModelSource;
  dtype: TransformersDtype;
  devices: DevicePlan;
  cudaStatus: CudaProviderStatus;
  localFilesOnly: boolean;
  sessionOptions: Record<string, unknown>;
  onProgress: ((info: ProgressInfo) => void) | undefined;
  logger: Logger;
}

/** A tokenizer and an ONNX session, and the device the session runs on. */
export interface LoadedModel {
  transformers: typeof import("@huggingface/transformers");
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  device: SessionDevice;
}

/**
 * Loads the tokenizer and the model, trying the planned devices in order (CUDA, then the CPU, for
 * `device: "auto"`). transformers.js itself is imported here, on first use, so that importing this package
 * stays cheap.
 */
export async function loadModel(request: LoadRequest): Promise<LoadedModel> {
  const transformers = await import("@huggingface/transformers");
  const { source, localFilesOnly } = request;
  const hub = source.kind === "hub";
  const pretrained = {
    local_files_only: !hub || localFilesOnly,
    ...(hub ? { cache_dir: source.cacheDir, revision: source.revision } : {}),
    ...(request.onProgress ? { progress_callback: request.onProgress } : {}),
  };
  const id = hub ? source.id : source.folder;
  const settings = {
    allowRemoteModels: hub && !localFilesOnly,
    cacheDir: hub ? source.cacheDir : transformers.env.cacheDir,
  };
  return withLoadingEnv(transformers.env, settings, async () => {
    let tokenizer: PreTrainedTokenizer;
    try {
      tokenizer = await transformers.AutoTokenizer.from_pretrained(id, pretrained);
    } catch (error) {
      throw explainLoadError(error, source, localFilesOnly);
    }
    const candidates = request.devices.candidates;
    const loadOn = async (index: number): Promise<LoadedModel> => {
      const device = candidates[index] as SessionDevice;
      try {
        const model = await transformers.AutoModelForCausalLM.from_pretrained(id, {
          ...pretrained,
          device,
          dtype: request.dtype,
          session_options: request.sessionOptions,
        });
        return { transformers, tokenizer, model, device };
      } catch (error) {
        const explained = explainLoadError(error, source, localFilesOnly);
        // A missing file is not the device's fault; anything else on CUDA is taken to be a CUDA problem.
        if (device !== "cuda" || explained instanceof InputError) throw explained;
        if (index + 1 < candidates.length) {
          request.logger.warn(
            `device "auto": the CUDA session failed to start (${explained.message}); running on the CPU`,
          );
          return loadOn(index + 1);
        }
        throw cudaStartError(error, request.cudaStatus);
      }
    };
    return loadOn(0);
  });
}
