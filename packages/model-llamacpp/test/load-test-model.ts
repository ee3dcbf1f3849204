import { modelPath } from "@syndisco/test-support";
import { LlamaCppModel } from "../src/llamacpp-model.js";
import type { LlamaCppModelOptions } from "../src/options.js";

/**
 * Loads one of ../shared/models with greedy decoding, unless the test overrides it. The thread count is the
 * model's own default, as a user's config would leave it.
 */
export function loadTestModel(
  file: "stories260K.gguf" | "tiny-random-llama.gguf",
  options: Partial<LlamaCppModelOptions> = {},
): Promise<LlamaCppModel> {
  return LlamaCppModel.load({
    modelPath: modelPath(file),
    name: file.replace(/\.gguf$/, ""),
    maxOutTokens: 50,
    temperature: 0,
    ...options,
  });
}
