// The llama.cpp settings every llama.cpp row uses, in the framework's form and in node-llama-cpp's own, so
// that the framework and the bare ceiling run the same context.

/** Tokens each sequence holds: a prompt of about 300 tokens and a reply of 32 fit with room to spare. */
export const CONTEXT_SIZE = 1024;

/**
 * One thread: two fight over the cores of these 2-core machines and run many times slower. Flash attention
 * off: on the CPU, with stories260K's 8-dimension attention heads, llama.cpp's flash-attention kernel made
 * generation at a 300-token prompt about 2.5 times slower (see bench/README.md); on the larger model it
 * makes little difference either way.
 */
const CONTEXT_SETTINGS = { threads: 1, flashAttention: false };

/** `LlamaCppModel.load` options for a model file with `parallel` sequences, greedy decoding. */
export function llamaCppModelOptions(modelFile, { parallel, maxOutTokens }) {
  return {
    modelPath: modelFile,
    name: "bench-model",
    maxOutTokens,
    parallel,
    contextSize: CONTEXT_SIZE,
    temperature: 0,
    chatTemplate: "plain",
    ...CONTEXT_SETTINGS,
  };
}

/** node-llama-cpp's `model.createContext` options for the same context. */
export function llamaContextOptions(parallel) {
  return { contextSize: CONTEXT_SIZE, sequences: parallel, ...CONTEXT_SETTINGS };
}
