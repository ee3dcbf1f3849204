import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../test/helpers/temp-dir.js";
import { findPackage } from "./find-package.js";
import { CLI_DIR, loadPlugin, parseBackendReference } from "./load-plugin.js";

const tempDir = useTempDirs();

/** A plugin module with a hand-written Standard Schema, so that it needs no package to load. */
const PLUGIN_SOURCE = (id: string, exportLine: string) => `
const descriptor = {
  id: ${JSON.stringify(id)},
  description: "test plugin",
  optionsSchema: { "~standard": { version: 1, vendor: "test", validate: (value) => ({ value }) } },
  async create() { throw new Error("not used here"); },
};
${exportLine}
`;

/** Writes a package `name` into a node_modules folder whose plugin has the given id. */
function plantPackage(modulesDir: string, name: string, pluginId: string): void {
  const packageDir = join(modulesDir, name);
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, "package.json"), JSON.stringify({ name, version: "9.9.9", main: "index.mjs" }));
  writeFileSync(join(packageDir, "index.mjs"), PLUGIN_SOURCE(pluginId, "export const plugin = descriptor;"));
}

/** A CLI installed in `projectDir`'s node_modules, as npm lays it out; returns its code folder. */
function fakeCliInstall(projectDir: string): string {
  const packageDir = join(projectDir, "node_modules", "@syndisco", "cli");
  mkdirSync(join(packageDir, "dist"), { recursive: true });
  writeFileSync(join(packageDir, "package.json"), JSON.stringify({ name: "@syndisco/cli", version: "1.0.0" }));
  return join(packageDir, "dist");
}

describe("parseBackendReference", () => {
  it("tells known ids, packages and paths apart", () => {
    expect(parseBackendReference("llamacpp")).toEqual({
      kind: "known",
      id: "llamacpp",
      packageName: "@syndisco/model-llamacpp",
    });
    expect(parseBackendReference("@acme/syndisco-vllm")).toEqual({
      kind: "package",
      packageName: "@acme/syndisco-vllm",
    });
    expect(parseBackendReference("syndisco-echo")).toEqual({ kind: "package", packageName: "syndisco-echo" });
    expect(parseBackendReference("./my-backend.mjs")).toEqual({ kind: "path", path: "./my-backend.mjs" });
    expect(parseBackendReference("/abs/plugin.js")).toEqual({ kind: "path", path: "/abs/plugin.js" });
  });

  it("refuses a name that is none of these, naming the field", () => {
    expect(() => parseBackendReference("Llama CPP!", { file: "c.yaml", field: "models.main.backend" })).toThrow(
      /c\.yaml: models\.main\.backend: "Llama CPP!" is not a backend id, a package name or a module path\. Use llamacpp, transformers or openai/,
    );
  });
});

describe("loadPlugin", () => {
  it("loads a module by a path relative to the config's folder, from its `plugin` export", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.mjs"), PLUGIN_SOURCE("mine", "export const plugin = descriptor;"));
    const loaded = await loadPlugin("./mine.mjs", { baseDir: dir });
    expect(loaded.plugin.id).toBe("mine");
    expect(loaded.reference.kind).toBe("path");
    expect(loaded.file).toBe(join(dir, "mine.mjs"));
  });

  it("accepts a default export", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "default.mjs"), PLUGIN_SOURCE("dflt", "export default descriptor;"));
    expect((await loadPlugin("./default.mjs", { baseDir: dir })).plugin.id).toBe("dflt");
  });

  it("names a module that exports no plugin", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "empty.mjs"), "export const something = 1;\n");
    await expect(
      loadPlugin("./empty.mjs", { baseDir: dir, location: { file: "c.yaml", field: "models.m.backend" } }),
    ).rejects.toThrow(/c\.yaml: models\.m\.backend: \.\/empty\.mjs does not export a SynDisco model plugin/);
  });

  it("names a module that fails to load", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "broken.mjs"), "export const = ;\n");
    await expect(loadPlugin("./broken.mjs", { baseDir: dir })).rejects.toThrow(
      /cannot load the plugin \.\/broken\.mjs/,
    );
  });

  it("names a plugin path that does not exist", async () => {
    const dir = tempDir();
    await expect(loadPlugin("./nope.mjs", { baseDir: dir })).rejects.toThrow(
      /the plugin module \.\/nope\.mjs does not exist/,
    );
  });

  it("gives the exact install command for a known backend that is not installed beside the CLI", async () => {
    const dir = tempDir();
    const cliDir = fakeCliInstall(join(dir, "project"));
    const error = await loadPlugin("transformers", {
      baseDir: dir,
      cliDir,
      location: { file: "c.yaml", field: "models.main.backend" },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `c.yaml: models.main.backend: the transformers backend is not installed. Install it beside the syndisco command, in ${join(dir, "project")}: npm install @syndisco/model-transformers`,
    );
  });

  it("loads a built-in backend from the CLI's install, never from the config's folder or its parents", async () => {
    const shared = tempDir();
    // Someone plants a package named like SynDisco's backend in a shared parent folder of the config.
    plantPackage(join(shared, "node_modules"), "@syndisco/model-llamacpp", "planted");
    const configDir = join(shared, "alice", "experiment");
    mkdirSync(configDir, { recursive: true });
    plantPackage(join(configDir, "node_modules"), "@syndisco/model-openai", "planted-too");

    const llamacpp = await loadPlugin("llamacpp", { baseDir: configDir });
    expect(llamacpp.plugin.id).toBe("llamacpp");
    expect(llamacpp.file).not.toContain(shared);
    const openai = await loadPlugin("openai", { baseDir: configDir });
    expect(openai.plugin.id).toBe("openai");
    expect(openai.file).not.toContain(shared);
  });

  it("does not look above the folder the CLI is installed in", async () => {
    const dir = tempDir();
    plantPackage(join(dir, "node_modules"), "@syndisco/model-transformers", "planted");
    const cliDir = fakeCliInstall(join(dir, "project"));
    await expect(loadPlugin("transformers", { baseDir: dir, cliDir })).rejects.toThrow(
      /the transformers backend is not installed/,
    );
    // Installed beside the CLI, it is found.
    plantPackage(join(dir, "project", "node_modules"), "@syndisco/model-transformers", "beside");
    expect((await loadPlugin("transformers", { baseDir: dir, cliDir })).plugin.id).toBe("beside");
  });

  it("tells an unknown backend name from a plugin package that is not installed", async () => {
    const dir = tempDir();
    await expect(loadPlugin("llama-cpp", { baseDir: dir, searchDirs: [dir] })).rejects.toThrow(
      /unknown backend "llama-cpp": it is not llamacpp, transformers or openai, and no package of that name is installed\. Did you mean "llamacpp"\?/,
    );
    await expect(loadPlugin("llama", { baseDir: dir, searchDirs: [dir] })).rejects.toThrow(/Did you mean "llamacpp"\?/);
    await expect(loadPlugin("@acme/syndisco-vllm", { baseDir: dir, searchDirs: [dir] })).rejects.toThrow(
      /the plugin package @acme\/syndisco-vllm is not installed\. Install it: npm install @acme\/syndisco-vllm/,
    );
  });

  it("loads a plugin package from the config's node_modules, through its ESM export", async () => {
    const dir = tempDir();
    const packageDir = join(dir, "node_modules", "@acme", "syndisco-echo");
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(
      join(packageDir, "package.json"),
      JSON.stringify({
        name: "@acme/syndisco-echo",
        version: "1.2.3",
        exports: { ".": { import: "./esm.mjs", require: "./cjs.cjs" } },
      }),
    );
    writeFileSync(join(packageDir, "esm.mjs"), PLUGIN_SOURCE("echo-esm", "export const plugin = descriptor;"));
    writeFileSync(join(packageDir, "cjs.cjs"), PLUGIN_SOURCE("echo-cjs", "module.exports = { plugin: descriptor };"));
    const configDir = join(dir, "experiments", "one");
    mkdirSync(configDir, { recursive: true });
    const loaded = await loadPlugin("@acme/syndisco-echo", { baseDir: configDir });
    expect(loaded.plugin.id).toBe("echo-esm");
    expect(loaded.version).toBe("1.2.3");
  });
});

describe("findPackage", () => {
  it("finds the backends installed beside the CLI", () => {
    const found = findPackage("@syndisco/model-openai", [CLI_DIR]);
    expect(found?.name).toBe("@syndisco/model-openai");
    expect(found?.entry).toMatch(/model-openai[\\/]dist[\\/]index\.js$/);
    expect(found?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("returns undefined for a package that is nowhere", () => {
    expect(findPackage("@syndisco/model-nonexistent", [tempDir()])).toBeUndefined();
  });
});
