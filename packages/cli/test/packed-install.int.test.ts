// The packages install like packages: packed as `pnpm publish` would pack them and installed with npm into an
// empty project outside the workspace, they run the README's library example and `npx syndisco run`.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/cli-process.js";
import {
  codeBlockWith,
  entryFiles,
  type PackedPackage,
  packPackages,
  runOutsideWorkspace,
  sourceManifest,
} from "./helpers/packed-packages.js";

/** What a user installs to run GGUF models from the command (the CLI depends on core and analysis). */
const INSTALLED = ["core", "analysis", "model-llamacpp", "cli"];
/** Every package the repository publishes. */
const PUBLISHED = [...INSTALLED, "model-openai", "model-transformers"];
/** What a published package may hold besides its manifest. */
const SHIPPED = /^(dist\/.+|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/;

const STORIES = modelPath("stories260K.gguf");

describe.skipIf(!haveTestModels())("the packages, packed and installed with npm outside the workspace", () => {
  let work = "";
  let project = "";
  let packed = new Map<string, PackedPackage>();

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "syndisco-packed-"));
    packed = packPackages(PUBLISHED, join(work, "tarballs"));
    project = join(work, "project");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      `${JSON.stringify({ name: "my-study", private: true, type: "module" }, null, 2)}\n`,
    );
    // node-llama-cpp brings its prebuilt llama.cpp binaries as npm packages (several hundred MB): npm's own
    // cache keeps them between runs, and --prefer-offline uses it without asking the registry again.
    const tarballs = INSTALLED.map((folder) => packed.get(folder)?.tarball ?? "");
    runOutsideWorkspace("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballs], {
      cwd: project,
      timeout: 1_500_000,
    });
  }, 1_600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("ship their build, README, changelog and licence, with workspace ranges turned into versions", () => {
    for (const folder of PUBLISHED) {
      const { manifest, files } = packed.get(folder) as PackedPackage;
      const source = sourceManifest(folder);
      expect(manifest.version, folder).toBe(source.version);
      expect(manifest.private, folder).toBeUndefined();
      expect(manifest.license, folder).toBe("MIT");
      expect(manifest.repository?.directory, folder).toBe(`packages/${folder}`);
      expect(manifest.publishConfig?.access, folder).toBe("public");
      expect(JSON.stringify(manifest), folder).not.toContain("workspace:");
      expect(
        files.filter((file) => !SHIPPED.test(file)),
        folder,
      ).toEqual([]);
      expect(files, folder).toContain("LICENSE");
      // Every entry point the manifest names is in the tarball.
      for (const entry of entryFiles(manifest)) expect(files, `${folder}: ${entry}`).toContain(entry);
      // A package depends on the others at their current version, and on no unpublished one.
      const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
      for (const [name, range] of Object.entries(ranges)) {
        if (!name.startsWith("@syndisco/")) continue;
        const dependency = PUBLISHED.find((other) => sourceManifest(other).name === name);
        expect(dependency, `${folder} depends on ${name}, which is not published`).toBeDefined();
        expect(range, `${folder} -> ${name}`).toBe(`^${sourceManifest(dependency as string).version}`);
      }
    }
    // The CLI loads the backends a config names; they are optional, so users install only those they use.
    const cli = packed.get("cli")?.manifest;
    for (const backend of ["model-llamacpp", "model-openai", "model-transformers"]) {
      expect(cli?.peerDependenciesMeta?.[`@syndisco/${backend}`]?.optional, backend).toBe(true);
    }
  });

  it("run the README's library example (SynDisco's guide) on a GGUF file", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const guide = codeBlockWith(readme, "LlamaCppModel.load(");
    // The example names its model file "model.gguf"; the test gives it the tiny model instead.
    expect(guide.match(/"model\.gguf"/g)).toHaveLength(1);
    writeFileSync(join(project, "guide.mjs"), guide.replace('"model.gguf"', JSON.stringify(STORIES)));

    const { stdout } = runOutsideWorkspace(process.execPath, ["guide.mjs"], { cwd: project, timeout: 600_000 });
    // The round-robin turn manager's ten names, and then the discussions, turn by turn.
    expect(stdout).toContain("John");
    expect(stdout).toMatch(/User (Emma35|Giannis) posted:/);
    const saved = JSON.parse(readFileSync(join(project, "discussion.json"), "utf8")) as { logs: unknown[] };
    expect(saved.logs.length).toBeGreaterThan(0);
  }, 600_000);

  it("give `npx syndisco --version` the CLI package's version", () => {
    const { stdout } = runOutsideWorkspace("npx", ["syndisco", "--version"], { cwd: project });
    expect(stdout.trim()).toBe(sourceManifest("cli").version);
  }, 120_000);

  it("run `syndisco init`'s experiment with `npx syndisco run` on stories260K", () => {
    runOutsideWorkspace("npx", ["syndisco", "init", "my-study"], { cwd: project });
    const { stdout, stderr } = runOutsideWorkspace(
      "npx",
      ["syndisco", "run", "my-study/syndisco.yaml", "--model-path", STORIES],
      { cwd: project, timeout: 900_000 },
    );
    const output = join(project, "my-study", "syndisco-output");
    const jsonFiles = (folder: string) =>
      readdirSync(join(output, folder)).filter((name) => name.endsWith(".json") && !name.startsWith("."));
    // init's config asks for 4 discussions, each annotated by one annotator.
    expect(jsonFiles("discussions"), `${stdout}\n${stderr}`).toHaveLength(4);
    expect(jsonFiles("annotations"), `${stdout}\n${stderr}`).toHaveLength(4);
  }, 900_000);
});
