import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A log entry: author, text, model. */
export type Entry = [name: string, text: string, model: string];

/** A new empty temporary folder. */
export function tempFolder(prefix = "syndisco-analysis-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes JSON to a path, making its folder. */
export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(data, null, 2));
}

/** A discussion file as ours are written, with any extra keys (a study's factors). */
export function ourDiscussion(
  id: string,
  entries: readonly Entry[],
  { moderator = null, extra = {} }: { moderator?: string | null; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const users = [...new Set(entries.map(([name]) => name).filter((name) => name !== moderator))];
  return {
    id,
    timestamp: "26-11-30-10-00",
    users,
    moderator,
    user_prompts: users.map((username) => ({
      context: "An online forum",
      instructions: "Act like a human would",
      type: "1",
      persona: { username, age: 30 },
    })),
    moderator_prompt: moderator
      ? { context: "", instructions: "Moderate", type: "1", persona: { username: moderator } }
      : null,
    ctx_length: 3,
    logs: entries.map(([name, text, model]) => ({ name, text, model })),
    ...extra,
  };
}

/**
 * A discussion file as SynDisco 2.0.x writes it: each `user_prompts` entry a JSON string, persona fields as
 * strings such as "18-24".
 */
export function syndisco20Discussion(id: string, entries: readonly Entry[]): Record<string, unknown> {
  const users = [...new Set(entries.map(([name]) => name))];
  return {
    id,
    timestamp: "24-05-01-12-00",
    users,
    moderator: null,
    user_prompts: users.map((username) =>
      JSON.stringify({ context: "forum", instructions: "be yourself", type: "1", persona: { username, age: "18-24" } }),
    ),
    moderator_prompt: "",
    ctx_length: 5,
    logs: entries.map(([name, text, model]) => ({ name, text, model })),
  };
}

/** An upstream-style annotation file (no positions recorded: joined by message id). */
export function annotationFile(convId: string, annotator: string, logs: readonly [string, string][]): unknown {
  return {
    conv_id: convId,
    timestamp: "26-11-30-11-00",
    annotator_model: "annotator-model",
    annotator_prompt: { context: "", instructions: "Rate toxicity 1-5", type: "2", persona: { username: annotator } },
    ctx_length: 2,
    logs,
  };
}
