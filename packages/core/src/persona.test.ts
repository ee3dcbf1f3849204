import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUIDE_PERSONAS } from "../test/personas.js";
import { InputError } from "./errors.js";
import { loggingSetup } from "./logging/logging-setup.js";
import { Persona } from "./persona.js";

async function personaFile(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "persona-")), "personas.json");
  await writeFile(path, content);
  return path;
}

describe("Persona", () => {
  it("keeps SynDisco's fields in SynDisco's order, then extra attributes", () => {
    const persona = new Persona({
      personality_characteristics: ["strict"],
      hobby: "chess",
      username: "Moderator",
      age: 41,
      sex: "male",
    });
    expect(Object.keys(persona.toDict())).toEqual(["username", "age", "sex", "personality_characteristics", "hobby"]);
    expect(persona.username).toBe("Moderator");
    expect(persona.get("hobby")).toBe("chess");
    expect(JSON.parse(persona.toString())).toEqual(persona.toDict());
    expect(persona.toString()).toBe(
      '{"username": "Moderator", "age": 41, "sex": "male", "personality_characteristics": ["strict"], "hobby": "chess"}',
    );
  });

  it("reads a list of personas from a file", async () => {
    const path = await personaFile(JSON.stringify([{ username: "A", age: 3 }, { username: "B" }]));
    const personas = await Persona.fromJsonFile(path);
    expect(personas.map((persona) => persona.username)).toEqual(["A", "B"]);
  });

  it("says that a persona file is empty, or holds an empty list, instead of counting 0 personas", async () => {
    const empty = await personaFile("  \n");
    await expect(Persona.fromJsonFile(empty)).rejects.toThrow(
      `${empty}: the persona file is empty. Write a JSON array`,
    );
    const emptyList = await personaFile("[]");
    await expect(Persona.fromJsonFile(emptyList)).rejects.toThrow(
      `${emptyList}: the persona file holds no personas (an empty list)`,
    );
  });

  it("warns when personas of a file lack SynDisco's fields", async () => {
    const logsDir = await mkdtemp(join(tmpdir(), "persona-logs-"));
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir });
    try {
      const path = await personaFile(JSON.stringify([{ username: "OnlyName" }, GUIDE_PERSONAS[0]]));
      await Persona.fromJsonFile(path);
      const [logFile] = await readdir(logsDir);
      const lines = (await readFile(join(logsDir, logFile as string), "utf8"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(lines).toEqual([
        expect.objectContaining({
          level: 40,
          component: "persona",
          missing: [
            "age",
            "sex",
            "sexual_orientation",
            "demographic_group",
            "current_employment",
            "education_level",
            "special_instructions",
            "personality_characteristics",
          ],
          msg: expect.stringContaining(`1 of 2 personas in ${path} lack SynDisco fields (age, sex,`),
        }),
      ]);
    } finally {
      await loggingSetup({ printToTerminal: false });
    }
  });

  it("names the file when it is not JSON", async () => {
    const path = await personaFile("{ not json");
    await expect(Persona.fromJsonFile(path)).rejects.toThrow(InputError);
    await expect(Persona.fromJsonFile(path)).rejects.toThrow(`${path}: not valid JSON`);
  });

  it("names the file when it is not a list", async () => {
    const path = await personaFile(JSON.stringify({ username: "A" }));
    await expect(Persona.fromJsonFile(path)).rejects.toThrow(`${path}: expected a JSON array of personas`);
  });

  it("names the file, the index and the field of an entry without a username", async () => {
    const path = await personaFile(JSON.stringify([{ username: "A" }, { age: 3 }]));
    await expect(Persona.fromJsonFile(path)).rejects.toThrow(`${path}: [1].username: every persona needs`);
  });

  it("names the field of a value of the wrong type", async () => {
    const path = await personaFile(JSON.stringify([{ username: "A", age: "old" }]));
    await expect(Persona.fromJsonFile(path)).rejects.toThrow(`${path}: [0].age: age must be a non-negative number`);
    const traits = await personaFile(JSON.stringify([{ username: "A", personality_characteristics: "kind" }]));
    await expect(Persona.fromJsonFile(traits)).rejects.toThrow("[0].personality_characteristics");
    const nested = await personaFile(JSON.stringify([{ username: "A", address: { city: "Athens" } }]));
    await expect(Persona.fromJsonFile(nested)).rejects.toThrow("[0].address: unsupported value type an object");
  });

  it("names the file when it cannot be read", async () => {
    await expect(Persona.fromJsonFile("/nonexistent/personas.json")).rejects.toThrow(
      "/nonexistent/personas.json: cannot read the persona file",
    );
  });
});
