import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { writeFileAtomic } from "./atomic-write.js";

describe("writeFileAtomic", () => {
  it("creates the folder and the file, and leaves no temporary file behind", async () => {
    const folder = await mkdtemp(join(tmpdir(), "atomic-"));
    const path = join(folder, "a", "b.json");
    await writeFileAtomic(path, "{}");
    expect(await readFile(path, "utf8")).toBe("{}");
    expect(await readdir(join(folder, "a"))).toEqual(["b.json"]);
  });

  it("never replaces an existing file unless told to", async () => {
    const folder = await mkdtemp(join(tmpdir(), "atomic-"));
    const path = join(folder, "keep.txt");
    await writeFile(path, "precious");
    await expect(writeFileAtomic(path, "new")).rejects.toThrow("already exists");
    expect(await readFile(path, "utf8")).toBe("precious");
    expect(await readdir(folder)).toEqual(["keep.txt"]);
    await writeFileAtomic(path, "new", { overwrite: true });
    expect(await readFile(path, "utf8")).toBe("new");
  });

  it("names the path it was given, never its temporary file, when the path cannot be written", async () => {
    const folder = await mkdtemp(join(tmpdir(), "atomic-"));
    await writeFile(join(folder, "a-file"), "x");
    const path = join(folder, "a-file", "out.csv");
    const error = await writeFileAtomic(path, "data").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${path}: cannot write the file (a part of the path is a file, not a folder, ENOTDIR). ${join(folder, "a-file")} is a file: choose a path under a folder`,
    );
    expect((error as Error).message).not.toMatch(/\.tmp/);
    expect(await readdir(folder)).toEqual(["a-file"]);
  });
});
