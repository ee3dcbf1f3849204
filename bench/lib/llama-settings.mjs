// The llama.cpp settings every llama.cpp row uses, in the framework's form and in node-llama-cpp's own, so
// that the framework and the bare ceiling run the same context.

/** Tokens each sequence holds: a prompt of about 300 tokens and a reply of 32 fit with room to spare. */
export const CONTEXT_SIZE = 1024;

/**
 * Flash attention off: on the CPU, with stories260K's 8-dimension attention heads, llama.cpp's
 * flash-attention kernel made generation at a 300-token prompt about 2.5 times slower (see bench/README.md);
 * on the larger model it makes little difference either way.
 */
const FLASH_ATTENTION = false;

/**
 * `LlamaCppModel.load` options for a model file with `parallel` sequences, greedy decoding. No `threads`,
 * as in a user's config: the backend picks its own (one on these 2-core machines; the case reports it).
 */
export function llamaCppModelOptions(modelFile, { parallel, maxOutTokens }) {
  return {
    modelPath: modelFile,
    name: "bench-model",
    maxOutTokens,
    parallel,
    contextSize: CONTEXT_SIZE,
    temperature: 0,
    chatTemplate: "plain",
    flashAttention: FLASH_ATTENTION,
  };
}

/**
 * node-llama-cpp's `model.createContext` options for the same context. node-llama-cpp alone gets an explicit
 * thread count, the one the backend picks here: its own default (every math core, at least 4) collapses on
 * a busy 2-core machine.
 */
export function llamaContextOptions(parallel) {
  return { contextSize: CONTEXT_SIZE, sequences: parallel, threads: 1, flashAttention: FLASH_ATTENTION };
}
