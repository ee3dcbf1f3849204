import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { drawPopulation } from "./draw-population.js";

const country = {
  fields: {
    party: { values: { Democrat: 33, Republican: 30, Independent: 37 } },
    sex: { values: { female: 51, male: 49 } },
    age: {
      bands: [
        { range: [18, 29], weight: 20 },
        { range: [30, 64], weight: 60 },
        { range: [65, 90], weight: 20 },
      ],
    },
  },
  joint: [
    {
      fields: ["education_level", "current_employment"],
      rows: [
        { education_level: "High school", current_employment: "Retail worker", weight: 2 },
        { education_level: "Bachelor's", current_employment: "Teacher", weight: 1 },
        { education_level: "PhD", current_employment: "Researcher", weight: 1 },
      ],
    },
  ],
  fixed: { special_instructions: "" },
  traits: { personality_characteristics: { from: ["curious", "stubborn", "kind", "blunt", "shy"], count: [1, 3] } },
};

function countOf(values: readonly unknown[], value: unknown): number {
  return values.filter((item) => item === value).length;
}

describe("drawPopulation", () => {
  it("matches the marginal shares exactly (quota sampling)", () => {
    const personas = drawPopulation(country, { count: 500, seed: 7 });
    const party = personas.map((persona) => persona.get("party"));
    expect(countOf(party, "Republican")).toBe(150);
    expect(countOf(party, "Democrat")).toBe(165);
    expect(countOf(party, "Independent")).toBe(185);
    const sex = personas.map((persona) => persona.get("sex"));
    expect(countOf(sex, "female")).toBe(255);
    const ages = personas.map((persona) => persona.get("age") as number);
    expect(ages.filter((age) => age <= 29)).toHaveLength(100);
    expect(ages.filter((age) => age >= 30 && age <= 64)).toHaveLength(300);
    expect(ages.every((age) => Number.isInteger(age) && age >= 18 && age <= 90)).toBe(true);
  });

  it("draws the fields of a joint table together: only the listed combinations, by quota", () => {
    const personas = drawPopulation(country, { count: 400, seed: 3 });
    const pairs = personas.map((persona) => `${persona.get("education_level")}|${persona.get("current_employment")}`);
    expect(new Set(pairs)).toEqual(new Set(["High school|Retail worker", "Bachelor's|Teacher", "PhD|Researcher"]));
    expect(countOf(pairs, "High school|Retail worker")).toBe(200);
    expect(countOf(pairs, "PhD|Researcher")).toBe(100);
  });

  it("gives the same personas for the same seed, and others for another seed", () => {
    const first = drawPopulation(country, { count: 50, seed: 11 }).map((persona) => persona.toDict());
    expect(drawPopulation(country, { count: 50, seed: 11 }).map((persona) => persona.toDict())).toEqual(first);
    expect(drawPopulation(country, { count: 50, seed: 12 }).map((persona) => persona.toDict())).not.toEqual(first);
  });

  it("gives unique usernames, fixed fields and distinct traits within the counts", () => {
    const personas = drawPopulation(country, { count: 300, seed: 1 });
    expect(new Set(personas.map((persona) => persona.username)).size).toBe(300);
    for (const persona of personas) {
      expect(persona.get("special_instructions")).toBe("");
      const traits = persona.get("personality_characteristics") as string[];
      expect(traits.length).toBeGreaterThanOrEqual(1);
      expect(traits.length).toBeLessThanOrEqual(3);
      expect(new Set(traits).size).toBe(traits.length);
    }
  });

  it("keeps a truncated normal inside its range", () => {
    const spec = { fields: { age: { normal: { mean: 40, sd: 30 }, range: [18, 65] } } };
    const ages = drawPopulation(spec, { count: 2000, seed: 5 }).map((persona) => persona.get("age") as number);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(65);
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    // N(40, 30) rounded to whole numbers and truncated to 18..65 has mean 41.21 and sd 13.27, from scipy:
    // truncnorm.mean((17.5-40)/30, (65.5-40)/30, loc=40, scale=30); the standard error of 2,000 draws is
    // 13.27 / sqrt(2000) = 0.30, and the bounds are 4 standard errors.
    expect(mean).toBeGreaterThan(41.21 - 1.2);
    expect(mean).toBeLessThan(41.21 + 1.2);
  });

  it("refuses a count that exact quotas cannot meet, naming the field and a count that works", () => {
    const spec = { fields: { party: { values: { Left: 30, Right: 70 }, exact: true } } };
    expect(drawPopulation(spec, { count: 20, seed: 1 })).toHaveLength(20);
    expect(() => drawPopulation(spec, { count: 7, seed: 1, file: "pop.yaml" })).toThrow(
      /pop\.yaml: fields\.party: the quotas cannot be met exactly with 7 personas\. Draw a multiple of 10/,
    );
  });

  it.each([
    [{ fields: { party: { values: { Left: 0, Right: 0 } } } }, /fields\.party\.values: the weights sum to 0/],
    [
      { joint: [{ fields: ["a", "b"], rows: [{ a: "x", b: "y", c: "z" }] }] },
      /joint\[0\]\.rows\[0\]\.c: unknown field "c" in a joint table/,
    ],
    [{ joint: [{ fields: ["a", "b"], rows: [{ a: "x" }] }] }, /joint\[0\]\.rows\[0\]\.b: missing/],
    [{ fields: { age: { values: { "18-24": 1 } } } }, /fields\.age: age is a number/],
    [{ fields: { sex: { range: [0, 1] } } }, /fields\.sex: sex is text/],
    [{ fields: { party: {} } }, /fields\.party: no distribution/],
    [{ fields: { party: { values: { A: 1 }, range: [1, 2] } } }, /values cannot be combined with range/],
    [{ fields: { sex: { values: { f: 1 } } }, fixed: { sex: "f" } }, /fixed\.sex: the field "sex" is also set/],
    [{ fixed: { username: "x" } }, /fixed\.username: usernames are generated/],
    [{ traits: { t: { from: ["a", "b"], count: 3 } } }, /cannot give 3 distinct traits from a list of 2/],
    [{ fields: { party: { values: { A: 1 }, weights: 2 } } }, /fields\.party: Unrecognized key/],
    [{ fixed: { age: "old" } }, /fixed\.age: the spec gives personas an invalid value/],
  ])("refuses a bad spec with a message naming the field (%#)", (spec, message) => {
    expect(() => drawPopulation(spec, { count: 10, seed: 1, file: "pop.yaml" })).toThrow(InputError);
    expect(() => drawPopulation(spec, { count: 10, seed: 1, file: "pop.yaml" })).toThrow(message);
  });
});
