import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { FileFormat } from "../formats/discussion-file.js";
import { isErrnoException } from "../util/atomic-write.js";

/** What one journal line records. Every line also has `time` (ISO 8601) and `run` (the run's id). */
export type JournalEntry =
  | {
      event: "experiment-started";
      pid: number;
      fingerprint: string;
      /** The format of the output files; absent in journals of older versions. */
      format?: FileFormat;
      total: number;
      alreadyDone: number;
      toRun: number;
      removedTemporaryFiles: number;
    }
  | { event: "unit-started"; unit: string }
  | {
      event: "unit-finished";
      unit: string;
      file: string;
      promptTokens: number;
      completionTokens: number;
      /** Prompt tokens the backend evaluated, over the unit's turns that said; absent when none did. */
      evaluatedPromptTokens?: number;
      durationMs: number;
    }
  | { event: "unit-failed"; unit: string; error: string }
  /** A finished output file that an earlier run wrote but did not get to journal (it was killed in between). */
  | { event: "unit-found"; unit: string; file: string }
  | { event: "unit-abandoned"; unit: string }
  | { event: "interrupted"; reason: string; finished: number; total: number }
  | { event: "experiment-finished"; finished: number; failed: number; total: number; durationMs: number };

/** A journal line as read back. */
export type JournalRecord = JournalEntry & { time: string; run: string };

/**
 * The run journal: an append-only JSON Lines file. Each line is written with one `write` call as soon as
 * its event happens, so a crash loses at most the line being written. The output files are the source of
 * truth for what is done; the journal is the history of how it got done.
 */
export class Journal {
  readonly path: string;
  readonly #run: string;
  #fd: number | undefined;

  private constructor(path: string, run: string, fd: number) {
    this.path = path;
    this.#run = run;
    this.#fd = fd;
  }

  /** Opens (or creates) the journal for appending, for the run with the given id. */
  static open(path: string, run: string): Journal {
    const fd = openSync(path, "a+");
    // A crash in the middle of a line would glue the next run's first line onto it.
    if (!endsWithNewline(fd)) writeSync(fd, "\n");
    return new Journal(path, run, fd);
  }

  /** Appends one line. */
  append(entry: JournalEntry): void {
    if (this.#fd === undefined) throw new Error("the journal is closed");
    writeSync(this.#fd, `${JSON.stringify({ time: new Date().toISOString(), run: this.#run, ...entry })}\n`);
  }

  /** Closes the file. Never throws: every line was already written with its own call, or reported failing. */
  close(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // EIO on close: the lines were handed to the system already; nothing is left to save.
    }
  }
}

/**
 * Reads a journal back. Lines that are not JSON (a line cut short by a crash) are skipped.
 *
 * @returns the records in the order they were written; an empty list when there is no journal.
 */
export async function readJournal(path: string): Promise<JournalRecord[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return [];
    throw error;
  }
  const records: JournalRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // A line cut short by a crash: the output files say what was finished.
    }
  }
  return records;
}

function endsWithNewline(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
