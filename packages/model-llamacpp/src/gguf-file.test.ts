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

  it("shows a binary file's first bytes in hex, never raw", async () => {
    const file = join(folder.path, "program.bin");
    writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]));
    const error = await assertGgufFile(file).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain(
      `${file} is not a GGUF file (it starts with the bytes 7f 45 4c 46, not "GGUF")`,
    );
    const zipped = join(folder.path, "model.zip");
    writeFileSync(zipped, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x9b, 0xff]));
    const zipError = await assertGgufFile(zipped).catch((caught: unknown) => caught);
    expect((zipError as Error).message).toContain("(it starts with the bytes 50 4b 03 04, not");
    // Nothing outside printable ASCII reaches the message.
    expect((zipError as Error).message).not.toMatch(/[^\x20-\x7e]/);
  });

  it("says an empty file is empty", async () => {
    const file = join(folder.path, "empty.gguf");
    writeFileSync(file, "");
    await expect(assertGgufFile(file)).rejects.toThrow('(it is empty, not "GGUF")');
  });

  it("rejects a file shorter than the magic", async () => {
    const file = join(folder.path, "tiny.gguf");
    writeFileSync(file, "GG");
    await expect(assertGgufFile(file)).rejects.toThrow('(it starts with "GG", not "GGUF")');
  });
});
