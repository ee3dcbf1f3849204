import { readFileSync } from "node:fs";

/**
 * The version of `@syndisco/cli`, shown by `syndisco --version` and written into reports. It is read from the
 * package's own package.json when the CLI starts (from `src/` and `dist/` alike, that file is one folder up),
 * so that a build made before `changeset version` raised the version still tells the installed one.
 */
export const CLI_VERSION: string = readVersion(new URL("../package.json", import.meta.url));

function readVersion(manifest: URL): string {
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown };
  if (typeof version !== "string") throw new Error(`${manifest.pathname} has no version`);
  return version;
}
