import { describe, expect, it } from "vitest";
import { parseByteSize } from "./limits.js";

describe("parseByteSize", () => {
  it("reads bytes and binary units", () => {
    expect(parseByteSize("1000")).toBe(1000);
    expect(parseByteSize("512kb")).toBe(512 * 1024);
    expect(parseByteSize("4MB")).toBe(4 * 1024 * 1024);
    expect(parseByteSize(" 1.5 mb ")).toBe(1.5 * 1024 * 1024);
    expect(parseByteSize("1gb")).toBe(1024 ** 3);
  });

  it("refuses what is not a size of at least one byte", () => {
    for (const text of ["", "mb", "-1", "0", "0.1", "4 tb", "1e6", "four"]) expect(parseByteSize(text)).toBeUndefined();
  });
});
