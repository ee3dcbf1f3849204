import { join } from "node:path";
import { type DestinationStream, type Level, multistream, pino, type StreamEntry } from "pino";
import pinoPretty from "pino-pretty";
import pinoRoll from "pino-roll";
import { getLogger, replaceRootLogger } from "./logger.js";

/** Options of {@link loggingSetup}, with the names of SynDisco's `logging_setup`. */
export interface LoggingSetupOptions {
  /** Print log lines on the terminal (stderr), human-readable. Default `true`. */
  printToTerminal?: boolean;
  /** Write JSON lines to `logsDir`, in files that roll over daily. Default `false`. */
  writeToFile?: boolean;
  /** The folder for log files. Default `./logs`. */
  logsDir?: string;
  /** The lowest level written: `trace`, `debug`, `info`, `warn`, `error` or `fatal`. Default `info`. */
  level?: Level;
  /** Colour terminal output. Default: only when stderr is a terminal. */
  useColors?: boolean;
  /** Route Node.js process warnings (deprecations and the like) into the log. Default `true`. */
  logWarnings?: boolean;
}

let forwardingWarnings = false;

/**
 * Configures the one structured logger that every SynDisco package logs through. Call it once, early;
 * calling it again replaces the earlier configuration.
 *
 * @example
 * ```ts
 * await loggingSetup({ printToTerminal: true, writeToFile: true, logsDir: "./logs", level: "debug" });
 * ```
 */
export async function loggingSetup({
  printToTerminal = true,
  writeToFile = false,
  logsDir = "./logs",
  level = "info",
  useColors = process.stderr.isTTY === true,
  logWarnings = true,
}: LoggingSetupOptions = {}): Promise<void> {
  const streams: StreamEntry[] = [];
  if (printToTerminal) {
    streams.push({
      level,
      stream: pinoPretty({ destination: 2, sync: true, colorize: useColors, ignore: "pid,hostname" }),
    });
  }
  if (writeToFile) {
    const file: DestinationStream = await pinoRoll({
      file: join(logsDir, "syndisco"),
      extension: ".log",
      frequency: "daily",
      dateFormat: "yyyy-MM-dd",
      mkdir: true,
    });
    streams.push({ level, stream: file });
  }
  const destination = streams.length > 0 ? multistream(streams) : pino.destination("/dev/null");
  replaceRootLogger(level, destination);

  if (logWarnings && !forwardingWarnings) {
    forwardingWarnings = true;
    const warnings = getLogger("node");
    process.on("warning", (warning) => warnings.warn({ warning: warning.name }, warning.message));
  }
}
