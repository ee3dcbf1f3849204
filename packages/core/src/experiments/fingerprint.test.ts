import { describe, expect, it } from "vitest";
import { canonicalJson, differingKeys, fingerprintOf } from "./fingerprint.js";

describe("fingerprint", () => {
  it("does not depend on the order of object keys, at any depth", () => {
    const one = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: null } };
    const two = { a: { x: null, y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(one)).toBe('{"a":{"x":null,"y":[1,{"p":2,"q":1}]},"b":1}');
    expect(fingerprintOf(one)).toBe(fingerprintOf(two));
    expect(fingerprintOf(one)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("depends on values and on the order of lists", () => {
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });

  it("treats undefined keys as absent", () => {
    expect(fingerprintOf({ a: 1, b: undefined })).toBe(fingerprintOf({ a: 1 }));
  });

  it("names the top-level keys whose values differ", () => {
    expect(
      differingKeys({ seed: 1, users: [{ a: 1 }], turns: 3 }, { seed: 2, users: [{ a: 1 }], extra: true }),
    ).toEqual(["extra", "seed", "turns"]);
  });
});
