import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { delimiter, join, resolve, sep } from "node:path";
import { REPO_ROOT } from "./cli-process.js";

/** A package manifest, as far as the packing tests read it. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string };
  publishConfig?: { access?: string };
  main?: string;
  module?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** One package packed by `pnpm pack`: the tarball, the manifest inside it, and the files it holds. */
export interface PackedPackage {
  tarball: string;
  manifest: Manifest;
  /** Paths inside the package (without tar's `package/` prefix). */
  files: string[];
}

/** The manifest of a workspace package, by its folder under packages/. */
export function sourceManifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(REPO_ROOT, "packages", folder, "package.json"), "utf8")) as Manifest;
}

/**
 * Runs a command to the end and returns its output; throws with the output when it fails. The environment
 * leaves out what pnpm gives the scripts it runs (`npm_config_*` settings that npm would obey, and the
 * workspace's `node_modules/.bin` folders on the PATH), so that npm and npx behave as in a user's shell.
 */
export function runOutsideWorkspace(command: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    ...options,
    env: userEnvironment(),
  });
  if (result.error) throw result.error;
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status} in ${options.cwd}:\n${output}`);
  }
  return { stdout: String(result.stdout), stderr: String(result.stderr) };
}

function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1" };
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(key) || key === "NODE_PATH") continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => entry !== "" && !`${resolve(entry)}${sep}`.startsWith(`${REPO_ROOT}${sep}`))
    .join(delimiter);
  return env;
}

/**
 * Packs packages/<folder> for each folder with `pnpm pack` (which, like `pnpm publish`, replaces `workspace:`
 * ranges with versions) into `destination`.
 */
export function packPackages(folders: readonly string[], destination: string): Map<string, PackedPackage> {
  mkdirSync(destination, { recursive: true });
  const packed = new Map<string, PackedPackage>();
  for (const folder of folders) {
    const { stdout } = runOutsideWorkspace("pnpm", ["pack", "--json", "--pack-destination", destination], {
      cwd: join(REPO_ROOT, "packages", folder),
    });
    const { filename } = JSON.parse(stdout) as { filename: string };
    const tarball = resolve(destination, filename);
    packed.set(folder, {
      tarball,
      manifest: JSON.parse(tarFile(tarball, "package.json")) as Manifest,
      files: tarList(tarball),
    });
  }
  return packed;
}

function tarFile(tarball: string, path: string): string {
  return runOutsideWorkspace("tar", ["-xzOf", tarball, `package/${path}`]).stdout;
}

function tarList(tarball: string): string[] {
  return runOutsideWorkspace("tar", ["-tzf", tarball])
    .stdout.split("\n")
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ""));
}

/** Every file that a manifest's `main`, `module`, `types`, `bin` and `exports` name. */
export function entryFiles(manifest: Manifest): string[] {
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === "string") found.push(value.replace(/^\.\//, ""));
    else if (value && typeof value === "object") for (const inner of Object.values(value)) visit(inner);
  };
  visit([manifest.main, manifest.module, manifest.types, manifest.bin, manifest.exports]);
  return found;
}

/** The first ```js block of a Markdown text that contains `marker`. */
export function codeBlockWith(markdown: string, marker: string): string {
  const blocks = [...markdown.matchAll(/^```(?:js|javascript)\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
  const block = blocks.find((text) => text.includes(marker));
  if (block === undefined) throw new Error(`no js code block of the README contains ${marker}`);
  return block;
}
