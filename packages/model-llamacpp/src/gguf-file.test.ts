import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { afterAll, describe, expect, it } from "vitest";
import { temporaryFolder } from "../test/temporary-folder.js";
import { assertGgufFile } from "./gguf-file.js";

describe("assertGgufFile", () => {
  const folder = temporaryFolder("gguf-check");
  afterAll(() => folder.remove());

  it("accepts a file that starts with the GGUF magic", async () => {
    const file = join(folder.path, "header-only.gguf");
    writeFileSync(file, Buffer.concat([Buffer.from("GGUF"), Buffer.from([3, 0, 0, 0])]));
    await expect(assertGgufFile(file)).resolves.toBeUndefined();
  });

  it("names a missing file and says what to pass instead", async () => {
    const file = join(folder.path, "absent.gguf");
    const check = assertGgufFile(file);
    await expect(check).rejects.toThrow(InputError);
    await expect(check).rejects.toThrow(`modelPath: no model file at ${file}. Check the path`);
    await expect(check).rejects.toThrow("hf:owner/repo/file.gguf");
  });

  it("rejects a folder", async () => {
    await expect(assertGgufFile(folder.path)).rejects.toThrow(`${folder.path} is a folder, not a GGUF file`);
  });

  it("rejects a file of another format, showing how it starts", async () => {
    const file = join(folder.path, "model.safetensors");
    writeFileSync(file, '{"__metadata__":{}}');
    const check = assertGgufFile(file);
    await expect(check).rejects.toThrow(`${file} is not a GGUF file (it starts with "{\\"__", not "GGUF")`);
    await expect(check).rejects.toThrow("convert_hf_to_gguf.py");
  });

  it("rejects a file shorter than the magic", async () => {
    const file = join(folder.path, "tiny.gguf");
    writeFileSync(file, "GG");
    await expect(assertGgufFile(file)).rejects.toThrow('(it starts with "GG", not "GGUF")');
  });
});
