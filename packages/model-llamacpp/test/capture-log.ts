import { Writable } from "node:stream";
import type { Logger } from "@syndisco/core";
import { pino } from "pino";

/** A real pino logger that keeps its lines in memory, for tests that check what a model logged. */
export interface CapturedLog {
  logger: Logger;
  /** The message of every line at `warn` level. */
  warnings(): string[];
  /** Every line, with its level and source. */
  lines(): { level: number; msg: string; source?: string }[];
  /** Every line at `debug` level that SynDisco (not llama.cpp) wrote, with its fields. */
  debugLines(): Record<string, unknown>[];
}

const WARN_LEVEL = 40;
const DEBUG_LEVEL = 20;

/** Makes a logger that records its lines. */
export function captureLog(): CapturedLog {
  const lines: { level: number; msg: string; source?: string; [field: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return {
    logger: pino({ level: "debug" }, stream),
    lines: () => [...lines],
    // llama.cpp's own warnings (about this GGUF's tokenizer) are left out: the tests check SynDisco's.
    warnings: () =>
      lines.filter((line) => line.level === WARN_LEVEL && line.source !== "llama.cpp").map((line) => line.msg),
    debugLines: () => lines.filter((line) => line.level === DEBUG_LEVEL && line.source !== "llama.cpp"),
  };
}
