import { InputError, type Logger } from "@syndisco/core";
import type { Llama, LlamaLogLevel } from "node-llama-cpp";
import { importNodeLlamaCpp } from "./node-llama-cpp.js";
import type { GpuOption } from "./options.js";

/**
 * Starts llama.cpp on the asked compute backend with a prebuilt binary only (`build: "never"`), so nothing
 * is ever compiled or downloaded. llama.cpp's own log lines go to `logger`.
 *
 * - `false`: the CPU.
 * - `"auto"`: the best GPU found, else the CPU with one warning.
 * - `"cuda"`, `"vulkan"`, `"metal"`: that GPU, or an {@link InputError} that names the fallbacks.
 */
export async function loadLlama(gpu: GpuOption, logger: Logger): Promise<Llama> {
  const { getLlama } = await importNodeLlamaCpp();
  const forward = (level: LlamaLogLevel, message: string) => logLlamaLine(logger, level, message);
  if (gpu === false || gpu === "auto") {
    const llama = await getLlama({ gpu, build: "never", logger: forward });
    if (gpu === "auto" && llama.gpu === false) {
      logger.warn('gpu: "auto" found no usable GPU (CUDA, Vulkan or Metal), so llama.cpp runs on the CPU');
    }
    return llama;
  }
  try {
    return await getLlama({ gpu, build: "never", logger: forward });
  } catch (error) {
    throw new InputError(`gpu: "${gpu}" is not available on this machine (${describe(error)})`, {
      field: "gpu",
      fix: `Install the ${gpu.toUpperCase()} driver and runtime that node-llama-cpp's prebuilt ${gpu} binary needs, or use gpu: "auto" (falls back to the CPU when ${gpu} is missing) or gpu: false (the CPU)`,
    });
  }
}

function logLlamaLine(logger: Logger, level: LlamaLogLevel, message: string): void {
  const text = message.trim();
  if (!text) return;
  // LlamaLogLevel is a string enum; its values are compared as strings so that the enum itself is not imported.
  switch (level as string) {
    case "fatal":
    case "error":
      logger.error({ source: "llama.cpp" }, text);
      return;
    default:
      // Warnings included: llama.cpp warns about harmless details of many GGUFs as it loads them (stories260K:
      // "bad special token: 'tokenizer.ggml.seperator_token_id' = 4294967295"). What SynDisco itself finds
      // wrong, it warns about itself.
      logger.debug({ source: "llama.cpp" }, text);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === "NoBinaryFoundError") return "no working prebuilt binary for it";
  return error instanceof Error ? error.message : String(error);
}
