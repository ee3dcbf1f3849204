import { modelPath } from "@syndisco/test-support";
import { LlamaCppModel } from "../src/llamacpp-model.js";
import type { LlamaCppModelOptions } from "../src/options.js";

/**
 * Loads one of ../shared/models with the settings every test here needs: one thread (two run far slower
 * on these 2-core machines) and greedy decoding, unless the test overrides them.
 */
export function loadTestModel(
  file: "stories260K.gguf" | "tiny-random-llama.gguf",
  options: Partial<LlamaCppModelOptions> = {},
): Promise<LlamaCppModel> {
  return LlamaCppModel.load({
    modelPath: modelPath(file),
    name: file.replace(/\.gguf$/, ""),
    maxOutTokens: 50,
    threads: 1,
    temperature: 0,
    ...options,
  });
}
