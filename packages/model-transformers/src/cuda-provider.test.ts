import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { type CudaProviderStatus, findCudaProvider, planDevices } from "./cuda-provider.js";

const INSTALLED: CudaProviderStatus = { platformSupported: true, installed: true, ortFolder: "/ort" };
const MISSING: CudaProviderStatus = { platformSupported: true, installed: false, ortFolder: "/ort" };
const UNSUPPORTED: CudaProviderStatus = { platformSupported: false, installed: false, ortFolder: "/ort" };

describe("findCudaProvider", () => {
  it("finds onnxruntime-node through @huggingface/transformers", () => {
    const status = findCudaProvider();
    expect(status.ortFolder).toBeDefined();
    expect(existsSync(join(status.ortFolder as string, "package.json"))).toBe(true);
    expect(status.platformSupported).toBe(process.platform === "linux" && process.arch === "x64");
  });
});

describe("planDevices", () => {
  it("runs cpu on the CPU only", () => {
    expect(planDevices("cpu", INSTALLED)).toEqual({ candidates: ["cpu"] });
  });

  it("runs cuda on CUDA when the provider is installed", () => {
    expect(planDevices("cuda", INSTALLED)).toEqual({ candidates: ["cuda"] });
  });

  it("refuses cuda without the provider and says how to install it", () => {
    expect(() => planDevices("cuda", MISSING)).toThrow(InputError);
    expect(() => planDevices("cuda", MISSING)).toThrow(
      /device: device "cuda": onnxruntime-node's CUDA provider \(libonnxruntime_providers_cuda\.so\) is not installed\. To install it, run on this machine with network access: ONNXRUNTIME_NODE_INSTALL=cuda12 node \/ort\/script\/install\.js/,
    );
    expect(() => planDevices("cuda", MISSING)).toThrow(/CUDA 12 runtime and cuDNN 9/);
  });

  it("refuses cuda on a platform without a CUDA build of onnxruntime-node", () => {
    expect(() => planDevices("cuda", UNSUPPORTED)).toThrow(/has a CUDA provider only on Linux x64/);
  });

  it("tries CUDA then the CPU for auto, or goes to the CPU with a warning", () => {
    expect(planDevices("auto", INSTALLED)).toEqual({ candidates: ["cuda", "cpu"] });
    const plan = planDevices("auto", MISSING);
    expect(plan.candidates).toEqual(["cpu"]);
    expect(plan.warning).toMatch(/^device "auto": .* is not installed; running on the CPU\. To install it/);
  });
});
