import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { type KnownOptions, rejectUnknownOptions } from "./known-options.js";

interface Options {
  seedOpinion?: string;
  convLen?: number;
}
const KNOWN: KnownOptions<Options> = { seedOpinion: true, convLen: true };

describe("rejectUnknownOptions", () => {
  it("accepts known keys, set or undefined", () => {
    expect(() => rejectUnknownOptions({ seedOpinion: "x", convLen: undefined }, KNOWN, "Discussion")).not.toThrow();
  });

  it("names an unknown key and the nearest known one", () => {
    const options = { seedOpinions: ["x"] } as Options;
    expect(() => rejectUnknownOptions(options, KNOWN, "Discussion")).toThrow(
      new InputError("unknown option of Discussion", {
        field: "seedOpinions",
        fix: 'Did you mean "seedOpinion"? The options of Discussion are: seedOpinion, convLen',
      }),
    );
  });

  it("suggests nothing when no known key is close", () => {
    expect(() => rejectUnknownOptions({ temperature: 1 } as Options, KNOWN, "Discussion")).toThrow(
      "temperature: unknown option of Discussion. The options of Discussion are: seedOpinion, convLen",
    );
  });
});
