import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../test/helpers/temp-dir.js";
import { loadConfig } from "./load-config.js";
import { inlinePersona, loadPersonas } from "./load-personas.js";

const tempDir = useTempDirs();

async function configWith(personas: string, discussions = "{ model: main }") {
  const dir = tempDir();
  const file = join(dir, "config.yaml");
  writeFileSync(
    file,
    `models:\n  main: { backend: llamacpp, options: { modelPath: m.gguf, maxOutTokens: 5 } }\npersonas: ${personas}\ndiscussions: ${discussions}\n`,
  );
  return { dir, config: await loadConfig(file) };
}

describe("loadPersonas", () => {
  it("reads a SynDisco persona file named relative to the config", async () => {
    const { dir, config } = await configWith("./people.json");
    writeFileSync(join(dir, "people.json"), JSON.stringify([{ username: "A", age: 30 }, { username: "B" }]));
    const personas = await loadPersonas(config);
    expect(personas.map((persona) => persona.username)).toEqual(["A", "B"]);
    expect(personas[0]?.get("age")).toBe(30);
  });

  it("names the config and the field when the persona file is missing", async () => {
    const { config } = await configWith("./missing.json");
    await expect(loadPersonas(config)).rejects.toThrow(
      /config\.yaml: personas: the persona file .*missing\.json does not exist\. Check the path/,
    );
  });

  it("names the entry and field of a bad persona in the file", async () => {
    const { dir, config } = await configWith("./people.json");
    writeFileSync(join(dir, "people.json"), JSON.stringify([{ username: "A" }, { username: "B", age: "old" }]));
    await expect(loadPersonas(config)).rejects.toThrow(/people\.json: \[1\]\.age: age must be a non-negative number/);
  });

  it("points at the config for a bad inline persona", async () => {
    const { config } = await configWith("[{ username: A }, { age: 3 }]");
    await expect(loadPersonas(config)).rejects.toThrow(/config\.yaml: personas\[1\]\.username: every persona needs/);
  });

  it("refuses two personas with one username", async () => {
    const { config } = await configWith("[{ username: A }, { username: A }]");
    await expect(loadPersonas(config)).rejects.toThrow(/personas\[1\]\.username: the username "A" appears twice/);
  });

  it("refuses more active users than personas", async () => {
    const { config } = await configWith("[{ username: A }, { username: B }]", "{ model: main, activeUsers: 3 }");
    await expect(loadPersonas(config)).rejects.toThrow(
      /discussions\.activeUsers: asks for 3 active users but there are only 2 personas/,
    );
  });

  it("names the config field of a bad moderator persona", async () => {
    const { config } = await configWith("[{ username: A }]", "{ model: main, activeUsers: 1 }");
    expect(() => inlinePersona({ username: "" }, config, "discussions.moderator.persona")).toThrow(
      /config\.yaml: discussions\.moderator\.persona\.username: every persona needs a non-empty string username/,
    );
  });
});
