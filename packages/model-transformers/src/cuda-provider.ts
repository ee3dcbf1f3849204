import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { InputError } from "@syndisco/core";
import type { TransformersDevice } from "./options.js";

/** Whether onnxruntime-node can run on CUDA here, and where its files are, for messages. */
export interface CudaProviderStatus {
  /** onnxruntime-node ships a CUDA provider only for Linux x64. */
  platformSupported: boolean;
  /** Whether the CUDA provider library has been installed beside onnxruntime-node's CPU library. */
  installed: boolean;
  /** onnxruntime-node's package folder, when it can be found. */
  ortFolder: string | undefined;
}

/** The device a session is created on. */
export type SessionDevice = "cpu" | "cuda";

/** The devices to try in order, and the warning to log when `"auto"` settles for the CPU up front. */
export interface DevicePlan {
  candidates: SessionDevice[];
  warning?: string;
}

const CUDA_PROVIDER_FILE = "libonnxruntime_providers_cuda.so";

/**
 * Looks for onnxruntime-node's CUDA provider. It is not in the npm package (it is too large): the package's
 * install script downloads it, and only where that script ran with network access.
 */
export function findCudaProvider(): CudaProviderStatus {
  const platformSupported = process.platform === "linux" && process.arch === "x64";
  const ortFolder = findOrtFolder();
  const binFolder = ortFolder && join(ortFolder, "bin", "napi-v6", process.platform, process.arch);
  const installed = platformSupported && binFolder !== undefined && existsSync(join(binFolder, CUDA_PROVIDER_FILE));
  return { platformSupported, installed, ortFolder };
}

/**
 * Turns the `device` option into the devices to try. `"cuda"` without the CUDA provider is an error that
 * says how to install it; `"auto"` without it runs on the CPU with one warning.
 */
export function planDevices(device: TransformersDevice, status: CudaProviderStatus): DevicePlan {
  if (device === "cpu") return { candidates: ["cpu"] };
  if (device === "cuda") {
    if (!status.installed) throw cudaUnavailableError(status);
    return { candidates: ["cuda"] };
  }
  if (status.installed) return { candidates: ["cuda", "cpu"] };
  return {
    candidates: ["cpu"],
    warning: `device "auto": ${cudaUnavailableReason(status)}; running on the CPU. ${cudaInstallHint(status)}`,
  };
}

/** The error for `device: "cuda"` where onnxruntime-node cannot use CUDA. */
export function cudaUnavailableError(status: CudaProviderStatus): InputError {
  return new InputError(`device "cuda": ${cudaUnavailableReason(status)}`, {
    field: "device",
    fix: `${cudaInstallHint(status)} Or set device to "cpu", or to "auto" to use CUDA only where it works`,
  });
}

/** Why CUDA cannot be used, in one clause. */
function cudaUnavailableReason(status: CudaProviderStatus): string {
  if (!status.platformSupported) {
    return `onnxruntime-node has a CUDA provider only on Linux x64, not on ${process.platform} ${process.arch}`;
  }
  return `onnxruntime-node's CUDA provider (${CUDA_PROVIDER_FILE}) is not installed`;
}

/** How to install the CUDA provider; see the README's "GPU" section. */
export function cudaInstallHint(status: CudaProviderStatus): string {
  if (!status.platformSupported) return "";
  const script = status.ortFolder
    ? join(status.ortFolder, "script", "install.js")
    : "onnxruntime-node/script/install.js";
  return (
    `To install it, run on this machine with network access: ONNXRUNTIME_NODE_INSTALL=cuda12 node ${script} ` +
    "(with pnpm you may instead allow onnxruntime-node's build script and run pnpm rebuild onnxruntime-node). " +
    "The GPU also needs the CUDA 12 runtime and cuDNN 9 libraries on the library path."
  );
}

/** onnxruntime-node's package folder, found through @huggingface/transformers, which depends on it. */
function findOrtFolder(): string | undefined {
  try {
    const fromHere = createRequire(import.meta.url);
    const fromTransformers = createRequire(fromHere.resolve("@huggingface/transformers"));
    return dirname(fromTransformers.resolve("onnxruntime-node/package.json"));
  } catch {
    return undefined;
  }
}
