import { ExitCode } from "../exit-codes.js";
import { findPackage } from "../plugins/find-package.js";
import { installCommand, KNOWN_BACKENDS } from "../plugins/known-backends.js";
import { CLI_DIR } from "../plugins/load-plugin.js";

/** One known backend and whether it can be loaded from here. */
export interface BackendStatus {
  id: string;
  packageName: string;
  description: string;
  /** The installed version, or undefined when it is not installed. */
  version: string | undefined;
  installed: boolean;
}

/** Which of SynDisco's backends can be loaded from `fromDir` (or from beside the CLI). */
export function backendStatuses(fromDir: string): BackendStatus[] {
  return KNOWN_BACKENDS.map((backend) => {
    const found = findPackage(backend.packageName, [fromDir, CLI_DIR]);
    return {
      id: backend.id,
      packageName: backend.packageName,
      description: backend.description,
      version: found?.version,
      installed: found !== undefined,
    };
  });
}

/** `syndisco backends`: lists the known backends, installed or not, and how to install the missing ones. */
export function backendsCommand(): ExitCode {
  const statuses = backendStatuses(process.cwd());
  const idWidth = Math.max(...statuses.map((status) => status.id.length));
  for (const status of statuses) {
    const state = status.installed
      ? `installed (${[status.packageName, status.version].filter(Boolean).join(" ")})`
      : "not installed";
    process.stdout.write(`${status.id.padEnd(idWidth)}  ${state}\n${" ".repeat(idWidth + 2)}${status.description}\n`);
    if (!status.installed) {
      process.stdout.write(`${" ".repeat(idWidth + 2)}Install it: ${installCommand(status.packageName)}\n`);
    }
  }
  process.stdout.write(
    "\nA config may also name any package or module file that exports a SynDisco model plugin (backend: ./my-backend.mjs).\n",
  );
  return ExitCode.OK;
}
