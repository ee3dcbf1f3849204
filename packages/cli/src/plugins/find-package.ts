import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** An installed package, found the way Node would find it from some folder. */
export interface FoundPackage {
  name: string;
  /** The package's folder. */
  dir: string;
  /** The file `import(name)` loads: the ESM entry of its `exports`, else `main`. */
  entry: string;
  version: string | undefined;
}

interface PackageJson {
  version?: string;
  main?: string;
  exports?: unknown;
}

/**
 * Finds an installed package from each folder of `fromDirs` in turn, searching the `node_modules` folders
 * that `import()` would search from there (ESM resolution ignores NODE_PATH and global folders, and so does
 * this). Returns undefined when none has it.
 */
export function findPackage(name: string, fromDirs: readonly string[]): FoundPackage | undefined {
  return findPackageIn(name, fromDirs.flatMap(nodeModulesFolders));
}

/** Finds an installed package in the first of these `node_modules` folders that holds it. */
export function findPackageIn(name: string, modulesFolders: readonly string[]): FoundPackage | undefined {
  for (const modulesDir of modulesFolders) {
    const dir = join(modulesDir, name);
    const manifestPath = join(dir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as PackageJson;
    const entry = importEntry(manifest);
    if (entry === undefined) continue;
    return { name, dir, entry: resolve(dir, entry), version: manifest.version };
  }
  return undefined;
}

/** `dir/node_modules`, then the same in every parent folder up to the root. */
function nodeModulesFolders(dir: string): string[] {
  const folders: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    folders.push(join(current, "node_modules"));
    if (dirname(current) === current) return folders;
  }
}

/** The file that `import("pkg")` loads, following the `import`, `node` and `default` export conditions. */
function importEntry(manifest: PackageJson): string | undefined {
  const { exports } = manifest;
  if (exports === undefined) return manifest.main ?? "index.js";
  const root =
    typeof exports === "object" && exports !== null && !Array.isArray(exports) && "." in exports
      ? (exports as Record<string, unknown>)["."]
      : exports;
  return pickCondition(root);
}

function pickCondition(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) return target.map(pickCondition).find((entry) => entry !== undefined);
  if (typeof target !== "object" || target === null) return undefined;
  const conditions = target as Record<string, unknown>;
  for (const condition of ["import", "node", "default"]) {
    if (condition in conditions) {
      const entry = pickCondition(conditions[condition]);
      if (entry !== undefined) return entry;
    }
  }
  return undefined;
}
