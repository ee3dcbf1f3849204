/**
 * The transformers.js backend of SynDisco: {@link TransformersModel} runs ONNX exports of Hugging Face
 * models with @huggingface/transformers on onnxruntime-node, and {@link plugin} lets the `syndisco` command
 * load it from a config file.
 *
 * @packageDocumentation
 */
export { defaultCacheDir } from "./model-source.js";
export {
  type ChatTemplateOption,
  TRANSFORMERS_DTYPES,
  type TransformersConfigOptions,
  type TransformersDevice,
  type TransformersDtype,
  type TransformersModelOptions,
  transformersOptionsSchema,
} from "./options.js";
export { plugin } from "./plugin.js";
export { TransformersModel } from "./transformers-model.js";
