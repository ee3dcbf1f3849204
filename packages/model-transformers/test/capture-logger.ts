import { Writable } from "node:stream";
import type { Logger } from "@syndisco/core";
import { pino } from "pino";

/** A real pino logger whose lines are kept in memory, for tests that check what was logged. */
export interface CapturedLog {
  logger: Logger;
  /** The `msg` of every line at `warn` level or above. */
  warnings(): string[];
  /** The `msg` of every line at `info` level. */
  infos(): string[];
  /** Every line at `debug` level, with its fields. */
  debugLines(): Record<string, unknown>[];
}

const WARN = 40;
const INFO = 30;
const DEBUG = 20;

/** Makes a logger that records its lines. */
export function captureLog(): CapturedLog {
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: "debug" }, stream);
  return {
    logger,
    warnings: () => lines.filter((line) => line.level >= WARN).map((line) => line.msg),
    infos: () => lines.filter((line) => line.level === INFO).map((line) => line.msg),
    debugLines: () => lines.filter((line) => line.level === DEBUG),
  };
}
