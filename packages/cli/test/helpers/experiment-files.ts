import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** SynDisco's keys of a discussion file. */
export const DISCUSSION_KEYS = [
  "id",
  "timestamp",
  "users",
  "moderator",
  "user_prompts",
  "moderator_prompt",
  "ctx_length",
  "logs",
];

/** SynDisco's keys of an annotation file. */
export const ANNOTATION_KEYS = ["conv_id", "timestamp", "annotator_model", "annotator_prompt", "ctx_length", "logs"];

/** The parsed JSON files of a folder (not its journal or hidden files), by file name. */
export function readJsonFiles(dir: string): Map<string, Record<string, unknown>> {
  const files = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".json") || name.startsWith(".")) continue;
    files.set(name, JSON.parse(readFileSync(join(dir, name), "utf8")) as Record<string, unknown>);
  }
  return files;
}

/** The discussion files of every cell folder of a study's output, by cell. */
export function cellFiles(outputDir: string): Map<string, Map<string, Record<string, unknown>>> {
  const cells = new Map<string, Map<string, Record<string, unknown>>>();
  for (const cell of readdirSync(join(outputDir, "discussions")).sort()) {
    cells.set(cell, readJsonFiles(join(outputDir, "discussions", cell)));
  }
  return cells;
}
