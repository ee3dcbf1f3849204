import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { modelFileIdentity } from "./model-file-identity.js";

const MIB = 1024 * 1024;

describe("modelFileIdentity", () => {
  it("hashes a small file whole", async () => {
    const file = join(await freshDir(), "small.gguf");
    await writeFile(file, "GGUF tiny model");
    expect(await modelFileIdentity(file)).toEqual({
      bytes: 15,
      sampleSha256: createHash("sha256").update("GGUF tiny model").digest("hex"),
    });
  });

  it("tells apart large files that differ in their head, middle or tail, but reads only those", async () => {
    const dir = await freshDir();
    const base = Buffer.alloc(8 * MIB, 7);
    const identities = [];
    for (const [name, offset] of [
      ["same", -1],
      ["head", 10],
      ["middle", 4 * MIB],
      ["tail", 8 * MIB - 1],
    ] as const) {
      const bytes = Buffer.from(base);
      if (offset >= 0) bytes[offset] = 8;
      await writeFile(join(dir, name), bytes);
      identities.push((await modelFileIdentity(join(dir, name))).sampleSha256);
    }
    expect(new Set(identities).size).toBe(4);
    // A byte between the samples is not read: the price of not hashing gigabytes.
    const between = Buffer.from(base);
    between[2 * MIB] = 8;
    await writeFile(join(dir, "between"), between);
    expect((await modelFileIdentity(join(dir, "between"))).sampleSha256).toBe(identities[0]);
  });
});
