import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

/** What identifies a model file in an experiment's fingerprint without reading all of it. */
export interface ModelFileIdentity {
  /** The file's size in bytes. */
  bytes: number;
  /** SHA-256 of its first, middle and last MiB (of the whole file when it is smaller than 3 MiB), as hex. */
  sampleSha256: string;
}

const SAMPLE_BYTES = 1024 * 1024;

/**
 * A quick identity of a model file, for {@link BaseModel.identity}: its size and a hash of its head (the
 * GGUF or ONNX header: architecture, tokenizer, tensor shapes), its middle and its tail (weights). Two
 * files with the same size and samples are, for all practical purposes, the same model; reading 3 MiB keeps
 * it instant for a file of many gigabytes.
 *
 * @example
 * ```ts
 * const file = await modelFileIdentity("models/qwen.gguf"); // { bytes: 491400032, sampleSha256: "9f…" }
 * ```
 */
export async function modelFileIdentity(path: string): Promise<ModelFileIdentity> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const hash = createHash("sha256");
    const starts = size <= 3 * SAMPLE_BYTES ? [0] : [0, Math.floor(size / 2 - SAMPLE_BYTES / 2), size - SAMPLE_BYTES];
    const length = Math.min(size, size <= 3 * SAMPLE_BYTES ? size : SAMPLE_BYTES);
    const buffer = Buffer.alloc(length);
    for (const start of starts) {
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { bytes: size, sampleSha256: hash.digest("hex") };
  } finally {
    await handle.close();
  }
}
