import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** Where the CLI is installed: its package folder and the project or global folder that holds it. */
export interface CliInstall {
  /** The folder of `@syndisco/cli` itself (the one with its package.json). */
  packageDir: string;
  /**
   * The outermost `node_modules` folder that holds the CLI: a project's, or npm's global one. Undefined for a
   * CLI that is not inside any (a checkout of the repository).
   */
  modulesRoot: string | undefined;
  /**
   * The `node_modules` folders that SynDisco's own backends are loaded from, nearest first: those that Node
   * searches from the CLI's package folder, up to `modulesRoot`. Folders above the install, and a config's
   * folder, are never among them.
   */
  searchFolders: string[];
}

/**
 * Describes the installation of the CLI whose code lives in `cliDir`. Built-in backends (llamacpp,
 * transformers, openai) are resolved from these folders only, so a package planted in a shared parent folder's
 * `node_modules` cannot stand in for one. For a pnpm install, the real path of the CLI lies inside
 * `node_modules/.pnpm`, and the project's `node_modules` is still the outermost.
 */
export function cliInstall(cliDir: string): CliInstall {
  const packageDir = packageDirOf(resolve(cliDir));
  let modulesRoot: string | undefined;
  for (let current = packageDir; dirname(current) !== current; current = dirname(current)) {
    if (basename(current) === "node_modules") modulesRoot = current;
  }
  if (modulesRoot === undefined) return { packageDir, modulesRoot, searchFolders: [join(packageDir, "node_modules")] };
  const searchFolders: string[] = [];
  const installDir = dirname(modulesRoot);
  for (let current = packageDir; ; current = dirname(current)) {
    // Node never looks in node_modules/node_modules; neither does this.
    if (basename(current) !== "node_modules") searchFolders.push(join(current, "node_modules"));
    if (current === installDir) break;
  }
  return { packageDir, modulesRoot, searchFolders };
}

/** The exact command that installs a built-in backend where the CLI of `install` will find it. */
export function backendInstallHint(packageName: string, install: CliInstall): string {
  if (install.modulesRoot === undefined) {
    return `Install it in the checkout of SynDisco (${install.packageDir}): pnpm install`;
  }
  if (install.modulesRoot === npmGlobalModules()) {
    return `Install it beside the global syndisco command: npm install -g ${packageName}`;
  }
  return `Install it beside the syndisco command, in ${dirname(install.modulesRoot)}: npm install ${packageName}`;
}

/** npm's global `node_modules` for the running Node: `<prefix>/lib/node_modules` (`<prefix>\node_modules` on Windows). */
function npmGlobalModules(): string {
  const prefix =
    process.env.npm_config_prefix ??
    (process.platform === "win32" ? dirname(process.execPath) : dirname(dirname(process.execPath)));
  return process.platform === "win32" ? join(prefix, "node_modules") : join(prefix, "lib", "node_modules");
}

/** The nearest folder at or above `dir` with a package.json (`dir` itself when there is none). */
function packageDirOf(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, "package.json"))) return current;
    if (dirname(current) === current) return dir;
  }
}
