import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { writeError } from "./write-error.js";

/** A system error as Node raises it (the code leads the message and names the path it touched). */
function systemError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, open 'out/.x.csv.123.abcd1234.tmp'`), { code });
}

describe("writeError", () => {
  it("says the reason in words with its code once, names the user's path, and gives a fix", () => {
    const error = writeError("out/x.csv", systemError("EACCES", "permission denied"));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "out/x.csv: cannot write the file (permission denied, EACCES). Choose a path you can write to, or fix the permissions of its folder",
    );
  });

  it("fits the fix to the reason", () => {
    const message = (code: string) => (writeError("x.csv", systemError(code, "boom")) as Error).message;
    expect(message("ENOSPC")).toMatch(/\(no space left on the device, ENOSPC\)\. Free some space/);
    expect(message("EROFS")).toMatch(/\(the file system is read-only, EROFS\)\. Choose a path you can write to/);
    expect(message("EISDIR")).toMatch(/\(it is a folder, EISDIR\)\. Give a file name, not a folder/);
  });

  it("keeps an unknown code's own words without the temporary file's name", () => {
    const message = (writeError("x.csv", systemError("EWEIRD", "something odd")) as Error).message;
    expect(message).toBe(
      "x.csv: cannot write the file (something odd, EWEIRD). Choose a path you can write to, or fix the permissions of its folder",
    );
  });

  it("returns other errors unchanged", () => {
    const input = new InputError("already exists", { file: "x.csv" });
    expect(writeError("x.csv", input)).toBe(input);
    const plain = new Error("not a system error");
    expect(writeError("x.csv", plain)).toBe(plain);
  });
});
