import { ExitCode } from "../exit-codes.js";
import { backendInstallHint, cliInstall } from "../plugins/cli-install.js";
import { findPackageIn } from "../plugins/find-package.js";
import { KNOWN_BACKENDS } from "../plugins/known-backends.js";
import { CLI_DIR } from "../plugins/load-plugin.js";

/** One known backend and whether it can be loaded from here. */
export interface BackendStatus {
  id: string;
  packageName: string;
  description: string;
  /** The installed version, or undefined when it is not installed. */
  version: string | undefined;
  installed: boolean;
  /** How to install it where the CLI finds it. */
  installHint: string;
}

/** Which of SynDisco's backends the CLI whose code is in `cliDir` loads: those installed beside it. */
export function backendStatuses(cliDir: string = CLI_DIR): BackendStatus[] {
  const install = cliInstall(cliDir);
  return KNOWN_BACKENDS.map((backend) => {
    const found = findPackageIn(backend.packageName, install.searchFolders);
    return {
      id: backend.id,
      packageName: backend.packageName,
      description: backend.description,
      version: found?.version,
      installed: found !== undefined,
      installHint: backendInstallHint(backend.packageName, install),
    };
  });
}

/** `syndisco backends`: lists the known backends, installed or not, and how to install the missing ones. */
export function backendsCommand(): ExitCode {
  const statuses = backendStatuses();
  const idWidth = Math.max(...statuses.map((status) => status.id.length));
  for (const status of statuses) {
    const state = status.installed
      ? `installed (${[status.packageName, status.version].filter(Boolean).join(" ")})`
      : "not installed";
    process.stdout.write(`${status.id.padEnd(idWidth)}  ${state}\n${" ".repeat(idWidth + 2)}${status.description}\n`);
    if (!status.installed) {
      process.stdout.write(`${" ".repeat(idWidth + 2)}${status.installHint}\n`);
    }
  }
  process.stdout.write(
    "\nA config may also name any package or module file that exports a SynDisco model plugin (backend: ./my-backend.mjs).\n",
  );
  return ExitCode.OK;
}
