/**
 * The OpenAI-compatible backend of SynDisco: {@link OpenAIModel} talks to OpenAI, vLLM, llama.cpp's server,
 * Ollama or `syndisco serve`, and {@link plugin} lets the `syndisco` command load it as model `openai`.
 *
 * @packageDocumentation
 */
export { ModelServerError, type ModelServerErrorDetails, type ModelServerProblem } from "./model-server-error.js";
export { OpenAIModel } from "./openai-model.js";
export type { MaxTokensParam, OpenAIModelOptions } from "./options.js";
export { type OpenAIPluginOptions, plugin } from "./plugin.js";
