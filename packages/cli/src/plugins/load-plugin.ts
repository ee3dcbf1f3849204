import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputError, isModelPlugin, type ModelPlugin, nearestName } from "@syndisco/core";
import { backendInstallHint, type CliInstall, cliInstall } from "./cli-install.js";
import { type FoundPackage, findPackage, findPackageIn } from "./find-package.js";
import { findKnownBackend, installCommand, KNOWN_BACKENDS } from "./known-backends.js";

/** How a config names a backend. */
export type BackendReference =
  | { kind: "known"; id: string; packageName: string }
  | { kind: "package"; packageName: string }
  | { kind: "path"; path: string };

/** Where a problem with a backend name should point the user. */
export interface BackendLocation {
  /** The config file, as the user named it. */
  file?: string;
  /** The field that names the backend, e.g. `models.main.backend`. */
  field?: string;
}

/** Options of {@link loadPlugin}. */
export interface LoadPluginOptions {
  /** The folder that a relative plugin path resolves against, and the first place plugin packages are looked for. */
  baseDir: string;
  /**
   * Where plugin packages of other authors are looked for, in order. Default: `baseDir`, then the CLI's own
   * folder. SynDisco's own backends (llamacpp, transformers, openai) are never looked for here.
   */
  searchDirs?: readonly string[];
  /** The CLI's code folder, whose installation alone provides SynDisco's own backends. Default: this CLI's. */
  cliDir?: string;
  /** For error messages. */
  location?: BackendLocation;
}

/** A plugin and where it came from. */
export interface LoadedPlugin {
  plugin: ModelPlugin;
  reference: BackendReference;
  /** The module file that was imported. */
  file: string;
  /** The package's version, for packages. */
  version: string | undefined;
}

const PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const PATH_LIKE = /^(\.{1,2}[\\/]|\/|[A-Za-z]:[\\/]|file:)|\.[cm]?[jt]s$/;

/** The folder this module was loaded from: packages installed beside the CLI are found from here. */
export const CLI_DIR: string = dirname(fileURLToPath(import.meta.url));

/**
 * Tells what a config's `backend:` value names: one of SynDisco's backends by id, a package, or a module path.
 *
 * @throws {@link InputError} when it is none of these.
 */
export function parseBackendReference(backend: string, location: BackendLocation = {}): BackendReference {
  const known = findKnownBackend(backend);
  if (known) return { kind: "known", id: known.id, packageName: known.packageName };
  if (PATH_LIKE.test(backend)) return { kind: "path", path: backend };
  if (PACKAGE_NAME.test(backend)) return { kind: "package", packageName: backend };
  throw new InputError(`"${backend}" is not a backend id, a package name or a module path`, {
    ...location,
    fix: `Use ${knownIds()}, a package name, or a path such as ./my-backend.mjs`,
  });
}

/**
 * Imports the model plugin that a config's `backend:` names. Plugins are loaded only when a config names
 * them, so a backend that is never used need not be installed.
 *
 * @throws {@link InputError} with the exact install command for a backend that is not installed, or naming
 *   the module that does not export a plugin.
 */
export async function loadPlugin(backend: string, options: LoadPluginOptions): Promise<LoadedPlugin> {
  const location = options.location ?? {};
  const reference = parseBackendReference(backend, location);
  const cliDir = options.cliDir ?? CLI_DIR;
  let file: string;
  let found: FoundPackage | undefined;
  if (reference.kind === "path") {
    file = reference.path.startsWith("file:")
      ? fileURLToPath(reference.path)
      : isAbsolute(reference.path)
        ? reference.path
        : resolve(options.baseDir, reference.path);
    if (!existsSync(file)) {
      throw new InputError(`the plugin module ${reference.path} does not exist (looked for ${file})`, {
        ...location,
        fix: "Check the path; a relative path is read from the config file's folder",
      });
    }
  } else {
    // SynDisco's own backends come from the CLI's installation only: a package of the same name in the
    // config's folder or a shared parent folder must not be loaded in their place.
    const install = cliInstall(cliDir);
    found =
      reference.kind === "known"
        ? findPackageIn(reference.packageName, install.searchFolders)
        : findPackage(reference.packageName, options.searchDirs ?? [options.baseDir, cliDir]);
    if (!found) throw notInstalledError(backend, reference, location, install);
    file = found.entry;
  }
  const module = await importModule(file, backend, location);
  const plugin = pluginExport(module);
  if (!plugin) {
    throw new InputError(`${backend} does not export a SynDisco model plugin`, {
      ...location,
      fix: "The module must export `plugin` (or a default export) made with defineModelPlugin({ id, description, optionsSchema, create }) from @syndisco/core",
    });
  }
  return { plugin, reference, file, version: found?.version };
}

function notInstalledError(
  backend: string,
  reference: BackendReference,
  location: BackendLocation,
  install: CliInstall,
): InputError {
  if (reference.kind === "known") {
    return new InputError(`the ${reference.id} backend is not installed`, {
      ...location,
      fix: backendInstallHint(reference.packageName, install),
    });
  }
  if (reference.kind === "package" && !backend.includes("/")) {
    return new InputError(
      `unknown backend "${backend}": it is not ${knownIds()}, and no package of that name is installed`,
      {
        ...location,
        fix: `${didYouMean(backend)}Use one of those ids; for a plugin package, install it: ${installCommand(backend)}`,
      },
    );
  }
  return new InputError(`the plugin package ${backend} is not installed`, {
    ...location,
    fix: `Install it: ${installCommand(backend)}`,
  });
}

async function importModule(file: string, backend: string, location: BackendLocation): Promise<unknown> {
  try {
    return await import(pathToFileURL(file).href);
  } catch (error) {
    throw new InputError(`cannot load the plugin ${backend} (${(error as Error).message})`, {
      ...location,
      fix: "Fix the module, or reinstall the package",
    });
  }
}

/** The plugin a module exports as `plugin` or as its default export. */
function pluginExport(module: unknown): ModelPlugin | undefined {
  if (typeof module !== "object" || module === null) return undefined;
  const exports = module as { plugin?: unknown; default?: unknown };
  if (isModelPlugin(exports.plugin)) return exports.plugin;
  if (isModelPlugin(exports.default)) return exports.default;
  const nested = exports.default as { plugin?: unknown } | undefined;
  return isModelPlugin(nested?.plugin) ? nested.plugin : undefined;
}

/** `Did you mean "llamacpp"? ` for a backend name close to a known one (`llama`, `llama-cpp`), else nothing. */
function didYouMean(backend: string): string {
  const nearest = nearestName(
    backend,
    KNOWN_BACKENDS.map((known) => known.id),
  );
  return nearest ? `Did you mean "${nearest}"? ` : "";
}

function knownIds(): string {
  const ids = KNOWN_BACKENDS.map((known) => known.id);
  return `${ids.slice(0, -1).join(", ")} or ${ids.at(-1)}`;
}
