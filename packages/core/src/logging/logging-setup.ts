import { join, resolve } from "node:path";
import { type DestinationStream, type Level, multistream, pino, type StreamEntry } from "pino";
import pinoRoll, { type RollingStream } from "pino-roll";
import { InputError } from "../errors.js";
import { getLogger, replaceRootLogger, terminalStream } from "./logger.js";

/** Options of {@link loggingSetup}, with the names of SynDisco's `logging_setup`. */
export interface LoggingSetupOptions {
  /** Print log lines on the terminal (stderr), human-readable. Default `true`. */
  printToTerminal?: boolean;
  /**
   * Write JSON lines to `logsDir`, one file per day named `syndisco.<yyyy-MM-dd>.<n>.log`; a new file starts
   * at midnight. Default `false`.
   */
  writeToFile?: boolean;
  /** The folder for log files, created when missing. Default `./logs`. */
  logsDir?: string;
  /** The lowest level written: `trace`, `debug`, `info`, `warn`, `error` or `fatal`. Default `info`. */
  level?: Level;
  /** Colour terminal output. Default: only when stderr is a terminal. */
  useColors?: boolean;
  /** Route Node.js process warnings (deprecations and the like) into the log. Default `true`. */
  logWarnings?: boolean;
}

const LEVELS: readonly string[] = Object.keys(pino.levels.values);

// The file stream of the current configuration, closed when a new configuration replaces it.
let currentFile: RollingStream | undefined;
let forwardingWarnings = false;

/**
 * Configures the one structured logger that every SynDisco package logs through (see `getLogger`). Call it
 * once, early; calling it again replaces the earlier configuration. File lines are written synchronously,
 * so a crash loses none of them.
 *
 * @throws {@link InputError} for an unknown level or a log folder that cannot be written.
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
  if (!LEVELS.includes(level)) {
    throw new InputError(`unknown log level ${JSON.stringify(level)}`, {
      field: "level",
      fix: `Use one of ${LEVELS.join(", ")}`,
    });
  }
  const streams: StreamEntry[] = [];
  if (printToTerminal) {
    streams.push({
      level,
      stream: terminalStream(useColors),
    });
  }
  const file = writeToFile ? await openDailyFile(logsDir) : undefined;
  if (file) streams.push({ level, stream: file });
  const destination: DestinationStream = streams.length > 0 ? multistream(streams) : { write: () => undefined };
  replaceRootLogger(level, destination);
  currentFile?.end();
  currentFile = file;

  if (logWarnings && !forwardingWarnings) {
    forwardingWarnings = true;
    const warnings = getLogger("node");
    process.on("warning", (warning) => warnings.warn({ warning: warning.name }, warning.message));
  }
}

async function openDailyFile(logsDir: string): Promise<RollingStream> {
  try {
    return await pinoRoll({
      file: join(resolve(logsDir), "syndisco"),
      extension: ".log",
      frequency: "daily",
      dateFormat: "yyyy-MM-dd",
      mkdir: true,
      sync: true,
    });
  } catch (error) {
    throw new InputError(`cannot write log files (${(error as Error).message})`, {
      file: resolve(logsDir),
      fix: "Choose a logsDir you can write to",
    });
  }
}
