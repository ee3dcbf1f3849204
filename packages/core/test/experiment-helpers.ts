import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { Actor, ActorType, type ChatMessage, Persona } from "../src/index.js";
import { ScriptedModel, type ScriptedModelOptions } from "../src/testing.js";
import { CONTEXT, INSTRUCTIONS } from "./personas.js";

const createdDirs: string[] = [];

// Registered while the importing test file is collected, so it runs after that file's tests.
afterAll(async () => {
  await Promise.all(createdDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new empty folder under the system's temporary folder, removed after the test file. */
export async function freshDir(prefix = "syndisco-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

/**
 * A scripted model whose reply depends only on the prompt, never on the order of calls, so that
 * discussions come out the same however many run at once.
 */
export function promptEchoModel(options: Partial<ScriptedModelOptions> = {}): ScriptedModel {
  return new ScriptedModel({ replies: (messages) => replyTo(messages), ...options });
}

/** The reply of {@link promptEchoModel} to a prompt. */
export function replyTo(messages: readonly ChatMessage[]): string {
  const digest = createHash("sha256")
    .update(messages.map((message) => message.content).join("\n"))
    .digest("hex");
  return `I think ${digest.slice(0, 6)} matters.`;
}

/** A pool of participants with small but distinct personas. */
export function participantPool(model: ScriptedModel, names = ["Emma35", "Giannis", "Lena", "Omar", "Sofia"]): Actor[] {
  return names.map(
    (username, index) =>
      new Actor({
        model,
        persona: new Persona({ username, age: 20 + index, personality_characteristics: ["curious", `trait${index}`] }),
        context: CONTEXT,
        instructions: INSTRUCTIONS,
      }),
  );
}

/** An annotator that labels comments with its model. */
export function annotator(model: ScriptedModel, username: string): Actor {
  return new Actor({
    model,
    persona: new Persona({ username, age: 40, education_level: "PhD" }),
    context: "You are a content moderator",
    instructions: "Rate the toxicity of the last comment from 1 to 5",
    actorType: ActorType.ANNOTATOR,
  });
}

/** The `*.json` files directly in a folder, sorted. */
export async function jsonFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
}

/** Every entry of a folder, hidden ones included. */
export function entries(dir: string): Promise<string[]> {
  return readdir(dir);
}

/** Parses a JSON file. */
export async function readJson<T = Record<string, unknown>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** A discussion or annotation file without what differs from run to run (ids, times, latencies). */
export function withoutRunDetails(file: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, timestamp: _timestamp, started_at: _started, finished_at: _finished, ...rest } = file;
  const logs = (rest.logs as Record<string, unknown>[]).map(({ latency_ms: _latency, ...entry }) => entry);
  return { ...rest, logs };
}
