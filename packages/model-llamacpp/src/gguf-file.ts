import { open, stat } from "node:fs/promises";
import { InputError } from "@syndisco/core";

/** The 4 bytes every GGUF file starts with. */
const GGUF_MAGIC = "GGUF";

/**
 * Checks that `path` is a readable GGUF file before llama.cpp sees it, so that a wrong path or a file of
 * another format gives an error that says what to do instead of a native loader failure.
 */
export async function assertGgufFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new InputError(`no model file at ${path}`, {
      field: "modelPath",
      fix: "Check the path (a relative path resolves against the config file's folder, or the working directory in code), or give a model URI such as hf:owner/repo/file.gguf",
    });
  }
  if (!info.isFile()) {
    throw new InputError(`${path} is a folder, not a GGUF file`, {
      field: "modelPath",
      fix: "Give the path of the .gguf file itself; for an ONNX model folder use @syndisco/model-transformers",
    });
  }
  const magic = await readMagic(path);
  if (magic.toString("latin1") !== GGUF_MAGIC) {
    throw new InputError(`${path} is not a GGUF file (${describeStart(magic)}, not "GGUF")`, {
      field: "modelPath",
      fix: "Give a .gguf model (convert others with llama.cpp's convert_hf_to_gguf.py); for ONNX models use @syndisco/model-transformers",
    });
  }
}

async function readMagic(path: string): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(GGUF_MAGIC.length);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * How a file starts, safe to print: its first bytes as text when they are printable ASCII, else in hex, so
 * that a binary file's bytes never reach the terminal raw.
 */
function describeStart(bytes: Buffer): string {
  if (bytes.length === 0) return "it is empty";
  const printable = bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);
  if (printable) return `it starts with ${JSON.stringify(bytes.toString("latin1"))}`;
  return `it starts with the bytes ${[...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join(" ")}`;
}
