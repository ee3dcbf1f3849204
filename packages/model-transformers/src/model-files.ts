import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { TRANSFORMERS_DTYPES, type TransformersDtype } from "./options.js";

// transformers.js picks `onnx/model<suffix>.onnx` for each dtype.
const DTYPE_FILE_SUFFIX: Record<TransformersDtype, string> = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
};

const EXPORT_HINT =
  "A transformers.js model folder holds config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx " +
  "(Hugging Face Optimum exports one: optimum-cli export onnx --model <hub id> <folder>)";

/** The ONNX file, relative to the model folder, that transformers.js loads for a dtype. */
export function onnxFileName(dtype: TransformersDtype): string {
  return `onnx/model${DTYPE_FILE_SUFFIX[dtype]}.onnx`;
}

/**
 * Checks that a model folder has what loading needs for `dtype`, so that a missing file is reported with
 * what to do instead of as a stack trace from deep inside transformers.js.
 *
 * @param what - how the folder is named in messages, for example `the model folder` or `the cached copy of X`.
 */
export function checkModelFolder(folder: string, dtype: TransformersDtype, what: string): void {
  for (const required of ["config.json", "tokenizer.json", "tokenizer_config.json"]) {
    if (!existsSync(join(folder, required))) {
      throw new InputError(`${what} has no ${required}`, { file: folder, field: "modelPath", fix: EXPORT_HINT });
    }
  }
  const wanted = onnxFileName(dtype);
  if (existsSync(join(folder, wanted))) return;
  const available = availableDtypes(folder);
  const fix =
    available.length > 0
      ? `It has ${available.map((found) => `${onnxFileName(found)} (dtype "${found}")`).join(", ")}: set dtype to one of those`
      : `It has no onnx/model*.onnx file at all. ${EXPORT_HINT}`;
  throw new InputError(`${what} has no ${wanted}, the ONNX file for dtype "${dtype}"`, {
    file: folder,
    field: "dtype",
    fix,
  });
}

/** The dtypes whose ONNX file a folder holds. */
export function availableDtypes(folder: string): TransformersDtype[] {
  const onnxFolder = join(folder, "onnx");
  if (!existsSync(onnxFolder)) return [];
  const files = new Set(readdirSync(onnxFolder));
  return TRANSFORMERS_DTYPES.filter((dtype) => files.has(onnxFileName(dtype).slice("onnx/".length)));
}
