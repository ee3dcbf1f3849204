import { describe, expect, it } from "vitest";
import { nearestName } from "./nearest-name.js";

describe("nearestName", () => {
  const TURN_MANAGERS = ["round_robin", "random_weighted", "random", "queue", "respond"];

  it("finds the name a misspelling is closest to", () => {
    expect(nearestName("rondrobin", TURN_MANAGERS)).toBe("round_robin");
    expect(nearestName("seedOpinions", ["seedOpinion", "convLen"])).toBe("seedOpinion");
  });

  it("takes a word that starts a name, of three letters or more", () => {
    expect(nearestName("llama", ["llamacpp", "transformers", "openai"])).toBe("llamacpp");
    expect(nearestName("ll", ["llamacpp", "transformers", "openai"])).toBeUndefined();
    expect(nearestName("seed", ["seedOpinion", "convLen"])).toBeUndefined();
  });

  it("ignores case and separators", () => {
    expect(nearestName("RoundRobin", TURN_MANAGERS)).toBe("round_robin");
    expect(nearestName("random-weighted", TURN_MANAGERS)).toBe("random_weighted");
  });

  it("suggests nothing when no name is close, or there is none", () => {
    expect(nearestName("temperature", ["seedOpinion", "convLen"])).toBeUndefined();
    expect(nearestName("x", [])).toBeUndefined();
  });
});
