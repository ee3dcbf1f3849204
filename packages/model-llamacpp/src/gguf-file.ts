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
  if (magic !== GGUF_MAGIC) {
    throw new InputError(`${path} is not a GGUF file (it starts with ${JSON.stringify(magic)}, not "GGUF")`, {
      field: "modelPath",
      fix: "Give a .gguf model (convert others with llama.cpp's convert_hf_to_gguf.py); for ONNX models use @syndisco/model-transformers",
    });
  }
}

async function readMagic(path: string): Promise<string> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(GGUF_MAGIC.length);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("latin1");
  } finally {
    await file.close();
  }
}
