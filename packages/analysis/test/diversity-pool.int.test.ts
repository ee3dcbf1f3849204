import { SeededRandom } from "@syndisco/core";
import { describe, expect, it } from "vitest";

// The built package, where worker threads start from dist/diversity-worker.js (the path is computed so that
// typechecking, which runs before the build, takes the types from the source).
const builtIndex = new URL("../dist/index.js", import.meta.url).href;
const { computeDiversities, DiversityCalculator } = (await import(builtIndex)) as typeof import("../src/index.js");

const WORDS = ["the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to", "it", "we", "agree", "not", "so", "sure"];

function generatedDiscussions(count: number): string[][] {
  const random = new SeededRandom(11);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + random.int(12) }, () =>
      Array.from({ length: random.int(60) }, () => WORDS[random.int(WORDS.length)]).join(" "),
    ),
  );
}

describe("computeDiversities", () => {
  it("gives, with worker threads on all cores (the default), what one thread gives, in order", async () => {
    const discussions = generatedDiscussions(120);
    const calculator = new DiversityCalculator();
    const expected = discussions.map((texts) => calculator.diversity(texts));
    expect(await computeDiversities(discussions)).toEqual(expected);
    expect(await computeDiversities(discussions, { threads: 3 })).toEqual(expected);
    expect(expected.some(({ diversity }) => diversity === null)).toBe(true);
  });
});
