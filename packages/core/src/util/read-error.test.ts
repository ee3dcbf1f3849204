import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFailure } from "./read-error.js";

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("readFailure", () => {
  it("says in words why a read failed, with the system's code once and without the path", async () => {
    const missing = join(tmpdir(), "syndisco-no-such-file.json");
    expect(readFailure(await caught(readFile(missing)))).toBe("it does not exist, ENOENT");
    expect(readFailure(await caught(readFile(tmpdir())))).toBe("it is a folder, EISDIR");
    expect(readFailure(await caught(readdir(join(import.meta.filename, "x"))))).toBe(
      "a part of the path is a file, not a folder, ENOTDIR",
    );
  });

  it("keeps the message of an error that is not a system error", () => {
    expect(readFailure(new Error("boom"))).toBe("boom");
    expect(readFailure("odd")).toBe("odd");
  });
});
