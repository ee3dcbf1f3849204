import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../test/helpers/temp-dir.js";
import { backendInstallHint, cliInstall } from "./cli-install.js";

const tempDir = useTempDirs();

/** Lays out `@syndisco/cli` in `packageDir` and returns its code folder. */
function cliAt(packageDir: string): string {
  mkdirSync(join(packageDir, "dist"), { recursive: true });
  writeFileSync(join(packageDir, "package.json"), JSON.stringify({ name: "@syndisco/cli", version: "1.0.0" }));
  return join(packageDir, "dist");
}

describe("cliInstall", () => {
  it("searches an npm project's node_modules, and nothing above the project", () => {
    const root = tempDir();
    const install = cliInstall(cliAt(join(root, "project", "node_modules", "@syndisco", "cli")));
    expect(install.modulesRoot).toBe(join(root, "project", "node_modules"));
    expect(install.searchFolders).toEqual([
      join(root, "project", "node_modules", "@syndisco", "cli", "node_modules"),
      join(root, "project", "node_modules", "@syndisco", "node_modules"),
      join(root, "project", "node_modules"),
    ]);
  });

  it("reaches the project's node_modules from pnpm's store folder", () => {
    const root = tempDir();
    const store = join(root, "project", "node_modules", ".pnpm", "@syndisco+cli@1.0.0", "node_modules");
    const install = cliInstall(cliAt(join(store, "@syndisco", "cli")));
    expect(install.modulesRoot).toBe(join(root, "project", "node_modules"));
    expect(install.searchFolders).toContain(store);
    expect(install.searchFolders.at(-1)).toBe(join(root, "project", "node_modules"));
    expect(install.searchFolders.some((folder) => !folder.startsWith(join(root, "project")))).toBe(false);
  });

  it("searches only the package's own node_modules in a checkout", () => {
    const root = tempDir();
    const install = cliInstall(cliAt(join(root, "syndisco-ts", "packages", "cli")));
    expect(install.modulesRoot).toBeUndefined();
    expect(install.searchFolders).toEqual([join(root, "syndisco-ts", "packages", "cli", "node_modules")]);
    expect(backendInstallHint("@syndisco/model-llamacpp", install)).toMatch(/checkout of SynDisco .*: pnpm install$/);
  });

  it("tells a global install from a project's", () => {
    const root = tempDir();
    const previous = process.env.npm_config_prefix;
    process.env.npm_config_prefix = join(root, "global");
    try {
      const global = cliInstall(cliAt(join(root, "global", "lib", "node_modules", "@syndisco", "cli")));
      expect(backendInstallHint("@syndisco/model-llamacpp", global)).toBe(
        "Install it beside the global syndisco command: npm install -g @syndisco/model-llamacpp",
      );
      const local = cliInstall(cliAt(join(root, "project", "node_modules", "@syndisco", "cli")));
      expect(backendInstallHint("@syndisco/model-llamacpp", local)).toBe(
        `Install it beside the syndisco command, in ${join(root, "project")}: npm install @syndisco/model-llamacpp`,
      );
    } finally {
      if (previous === undefined) delete process.env.npm_config_prefix;
      else process.env.npm_config_prefix = previous;
    }
  });
});
