import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";
import pinoPretty from "pino-pretty";

/** The structured logger every SynDisco package writes to (a pino logger). */
export type Logger = PinoLogger;

// Until loggingSetup() runs, warnings and errors go to stderr as readable lines (the same as loggingSetup's
// terminal output, coloured on a terminal only), and nothing else is written. JSON goes to log files only: a
// library user who did not ask for logs should see a sentence, not `{"level":40,...}`.
let root: PinoLogger = pino(
  { level: "warn", base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
  terminalStream(process.stderr.isTTY === true),
);
const components = new Map<string, PinoLogger>();

/**
 * The logger of one component (for example `"discussion"` or `"model-llamacpp"`). It follows later
 * calls of {@link loggingSetup}, so modules may ask for it once at load time.
 */
export function getLogger(component: string): Logger {
  return new Proxy({} as PinoLogger, {
    get(_target, property) {
      const child = childOf(component);
      const value = Reflect.get(child, property, child);
      return typeof value === "function" ? value.bind(child) : value;
    },
  });
}

/** Replaces the root logger; called by loggingSetup(). */
export function replaceRootLogger(level: string, stream: DestinationStream): void {
  root = pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  components.clear();
}

function childOf(component: string): PinoLogger {
  let child = components.get(component);
  if (!child) {
    child = root.child({ component });
    components.set(component, child);
  }
  return child;
}

/** Readable log lines on stderr (`[time] WARN: message` and the fields below it). */
export function terminalStream(colorize: boolean): DestinationStream {
  return pinoPretty({ destination: 2, sync: true, colorize, ignore: "pid,hostname" });
}
