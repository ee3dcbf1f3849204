import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

const SPEC = `fields:
  party: { values: { Democrat: 33, Republican: 30, Independent: 37 } }
  age: { range: [18, 80] }
joint:
  - fields: [education_level, current_employment]
    rows:
      - { education_level: High school, current_employment: Electrician, weight: 1 }
      - { education_level: PhD, current_employment: Researcher, weight: 1 }
fixed: { special_instructions: "" }
traits:
  personality_characteristics: { from: [curious, stubborn, kind, blunt], count: 2 }
`;

function readPersonas(file: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
}

describe("syndisco personas", () => {
  it("writes the same persona file for the same seed, with the spec's exact shares", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "population.yaml"), SPEC);
    const first = await runCli(["personas", "population.yaml", "-n", "500", "--seed", "7", "-o", "a.json"], {
      cwd: dir,
    });
    expect(first.stderr).toContain("Wrote 500 personas to a.json");
    expect(first.code).toBe(0);
    const second = await runCli(["personas", "population.yaml", "-n", "500", "--seed", "7"], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(readFileSync(join(dir, "a.json"), "utf8"));
    const personas = readPersonas(join(dir, "a.json"));
    expect(personas.filter((persona) => persona.party === "Republican")).toHaveLength(150);
    expect(personas.filter((persona) => persona.current_employment === "Researcher")).toHaveLength(250);
    expect(new Set(personas.map((persona) => persona.username)).size).toBe(500);
  });

  it("prints the seed it drew, so the file can be drawn again", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "population.yaml"), SPEC);
    const drawn = await runCli(["personas", "population.yaml", "-n", "5"], { cwd: dir });
    expect(drawn.code).toBe(0);
    const seed = /pass --seed (\d+)/.exec(drawn.stderr)?.[1] as string;
    const again = await runCli(["personas", "population.yaml", "-n", "5", "--seed", seed], { cwd: dir });
    expect(again.stdout).toBe(drawn.stdout);
  });

  it("exits 2 naming the file and field of a bad spec, and writes nothing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "population.yaml"), "fields:\n  party: { values: { A: 0, B: 0 } }\n");
    const result = await runCli(["personas", "population.yaml", "-n", "5", "-o", "out.json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("population.yaml: fields.party.values: the weights sum to 0");
    expect(existsSync(join(dir, "out.json"))).toBe(false);
  });

  it("names a misspelt key of a spec as the config does: the keys allowed there and the nearest one", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "population.yaml"), "feilds:\n  party: { values: { A: 1, B: 1 } }\n");
    const result = await runCli(["personas", "population.yaml", "-n", "5", "-o", "out.json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'population.yaml: feilds: unknown key. Did you mean "fields"? Remove it or fix its spelling; the keys allowed here are: fields, joint, fixed, traits, usernames',
    );
    expect(existsSync(join(dir, "out.json"))).toBe(false);
  });

  it("never replaces an existing persona file unless told to", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "population.yaml"), SPEC);
    writeFileSync(join(dir, "personas.json"), "[]\n");
    const refused = await runCli(["personas", "population.yaml", "-n", "3", "-o", "personas.json"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("personas.json: already exists; nothing was written");
    expect(refused.stderr).toContain("pass --force");
    expect(readFileSync(join(dir, "personas.json"), "utf8")).toBe("[]\n");
    const forced = await runCli(["personas", "population.yaml", "-n", "3", "-o", "personas.json", "-f"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readPersonas(join(dir, "personas.json"))).toHaveLength(3);
  });

  it("draws a persona file from the population spec that `syndisco init` writes", async () => {
    const dir = tempDir();
    expect((await runCli(["init", "study"], { cwd: dir })).code).toBe(0);
    const drawn = await runCli(
      ["personas", "study/population.yaml", "-n", "200", "--seed", "7", "-o", "study/personas.json", "--force"],
      { cwd: dir },
    );
    expect(drawn.code).toBe(0);
    const personas = readPersonas(join(dir, "study/personas.json"));
    expect(personas).toHaveLength(200);
    // 30% Left of 200 is exactly 60; every persona has two or three traits.
    expect(personas.filter((persona) => persona.political_leaning === "Left")).toHaveLength(60);
    expect(personas.every((persona) => [2, 3].includes((persona.personality_characteristics as string[]).length))).toBe(
      true,
    );
    // The example config names a hub model: a dry run checks that it can be fetched, so use the local file.
    const plan = await runCli(
      ["run", "study/syndisco.yaml", "--dry-run", "--model-path", modelPath("stories260K.gguf")],
      {
        cwd: dir,
      },
    );
    expect(plan.code).toBe(0);
  });

  it("adds backstories written by a real model, constrained to a JSON answer", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "population.yaml"), SPEC);
    writeFileSync(join(dir, "writer.yaml"), `models:\n${storiesModelYaml("writer")}`);
    const result = await runCli(
      ["personas", "population.yaml", "-n", "2", "--seed", "3", "-o", "p.json", "--backstories", "writer.yaml"],
      { cwd: dir },
    );
    expect(result.stderr).toContain("Backstories: 2 of 2");
    expect(result.code).toBe(0);
    const personas = readPersonas(join(dir, "p.json"));
    for (const persona of personas) {
      expect(typeof persona.backstory).toBe("string");
      expect((persona.backstory as string).length).toBeGreaterThan(0);
    }
  }, 300_000);
});
