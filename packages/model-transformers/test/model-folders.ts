import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelPath } from "@syndisco/test-support";
import { readGgufChatTemplate } from "./gguf-chat-template.js";

/** A temporary folder that removes itself. */
export interface TemporaryFolder {
  path: string;
  remove(): void;
}

/** Makes an empty temporary folder (outside the repository). */
export function temporaryFolder(prefix: string): TemporaryFolder {
  const path = mkdtempSync(join(tmpdir(), `syndisco-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Lays out a test model as transformers.js expects it in `folder`, linking the weights instead of copying
 * them. `files` picks which of the model's files to include.
 */
export function linkModelFiles(model: string, folder: string, files: readonly string[]): void {
  mkdirSync(join(folder, "onnx"), { recursive: true });
  for (const file of files) symlinkSync(join(modelPath(model), file), join(folder, file));
}

/** Every file of an ONNX test model folder. */
export const MODEL_FILES = [
  "config.json",
  "generation_config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

/**
 * The random test model with the chat template of its GGUF twin written into `tokenizer_config.json`,
 * where transformers.js reads it; the ONNX export in ../shared/models leaves the template out.
 */
export function randomModelWithTemplate(folder: string): { path: string; template: string } {
  const template = readGgufChatTemplate(modelPath("tiny-random-llama.gguf"));
  if (!template) throw new Error("tiny-random-llama.gguf has no chat template");
  linkModelFiles(
    "tiny-random-llama-onnx",
    folder,
    MODEL_FILES.filter((file) => file !== "tokenizer_config.json"),
  );
  const config = JSON.parse(readFileSync(modelPath("tiny-random-llama-onnx/tokenizer_config.json"), "utf8"));
  writeFileSync(join(folder, "tokenizer_config.json"), JSON.stringify({ ...config, chat_template: template }));
  return { path: folder, template };
}

/** Lays out a test model in a hub-style cache folder, as if `hubId` had been downloaded into `cacheDir`. */
export function seedHubCache(model: string, cacheDir: string, hubId: string): void {
  linkModelFiles(model, join(cacheDir, hubId), MODEL_FILES);
}
