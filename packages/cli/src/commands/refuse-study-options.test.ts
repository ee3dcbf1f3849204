import { InputError } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { refuseStudyOptions } from "./run.js";

describe("refuseStudyOptions", () => {
  it("lets a config without a study through when no study option is given", () => {
    expect(() => refuseStudyOptions("syndisco.yaml", {})).not.toThrow();
  });

  it.each([
    [{ cells: "model=a" }, "--cells"],
    [{ replicates: 2 }, "--replicates"],
  ])("names the option given (%o) and the missing study section", (options, option) => {
    let caught: unknown;
    try {
      refuseStudyOptions("syndisco.yaml", options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toContain(`${option} needs a study, and the config has none`);
    expect((caught as InputError).message).toContain("syndisco.yaml");
  });
});
