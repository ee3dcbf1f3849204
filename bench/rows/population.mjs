// Row set 7: drawing a persona population. 10,000 personas from a spec with categorical fields, bands, a
// joint table and traits, in one process (the persona-populations issue asks for under a second).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../lib/paths.mjs";

const CORE = pathToFileURL(join(ROOT, "packages/core/dist/index.js")).href;

const SPEC = {
  fields: {
    party: { values: { Democrat: 33, Republican: 30, Independent: 37 } },
    sex: { values: { female: 51, male: 48, "non-binary": 1 } },
    age: {
      bands: [
        { range: [18, 29], weight: 20 },
        { range: [30, 64], weight: 55 },
        { range: [65, 90], weight: 25 },
      ],
    },
    sexual_orientation: { values: { Heterosexual: 90, Homosexual: 4, Bisexual: 6 } },
  },
  joint: [
    {
      fields: ["education_level", "current_employment"],
      rows: [
        { education_level: "High school", current_employment: "Electrician", weight: 3 },
        { education_level: "Bachelor's", current_employment: "Teacher", weight: 2 },
        { education_level: "Master's", current_employment: "Engineer", weight: 1 },
        { education_level: "PhD", current_employment: "Researcher", weight: 1 },
      ],
    },
  ],
  fixed: { special_instructions: "" },
  traits: {
    personality_characteristics: { from: ["curious", "stubborn", "kind", "blunt", "shy", "witty"], count: [2, 3] },
  },
};

async function measure({ count }) {
  const { drawPopulation } = await import(CORE);
  const startedAt = performance.now();
  const personas = drawPopulation(SPEC, { count, seed: 7 });
  const seconds = (performance.now() - startedAt) / 1000;
  if (personas.length !== count) throw new Error(`drew ${personas.length} personas instead of ${count}`);
  return { seconds, personasPerSecond: count / seconds };
}

export default {
  id: "population",
  number: 7,
  title: "persona populations: 10,000 personas drawn from a spec",
  cases: () => [{ id: "draw", label: "10,000 personas, quota sampling", params: { count: 10_000 } }],
  measure,
};
