import { loggingSetup } from "@syndisco/core";

/** The levels `--log-level` accepts. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/**
 * Sends core's and the backends' log lines to stderr at `level` and above. The CLI's default, `error`,
 * keeps the terminal for progress and results: failed units are reported by the CLI itself.
 */
export async function configureLogging(level: (typeof LOG_LEVELS)[number]): Promise<void> {
  await loggingSetup({ printToTerminal: true, writeToFile: false, level });
}
