import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  annotator,
  freshDir,
  jsonFiles,
  participantPool,
  promptEchoModel,
  readJson,
  replyTo,
} from "../../test/experiment-helpers.js";
import { Actor } from "../actor/actor.js";
import type { AnnotationFile, DiscussionFile } from "../formats/discussion-file.js";
import { loggingSetup } from "../logging/logging-setup.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { AnnotationExperiment, type AnnotationExperimentOptions } from "./annotation-experiment.js";
import { DiscussionExperiment } from "./discussion-experiment.js";
import type { ExperimentEvent } from "./events.js";
import { ExperimentInterruptedError } from "./interrupted-error.js";
import { readJournal } from "./journal.js";

let discussionsDir: string;

beforeAll(async () => {
  await loggingSetup({ printToTerminal: false, logWarnings: false });
  discussionsDir = await freshDir("syndisco-discussions-");
  const model = promptEchoModel();
  const moderator = new Actor({
    model,
    persona: new Persona({ username: "Moderator", age: 41 }),
    context: "You are taking part in an online conversation",
    instructions: "You are a moderator. Oversee the discussion",
  });
  await new DiscussionExperiment({
    users: participantPool(model),
    moderator,
    seedOpinions: ["Cities should ban cars."],
    numDiscussions: 3,
    numTurns: 2,
    seed: 5,
  }).begin({ outputDir: discussionsDir });
});

function experiment(options: Partial<AnnotationExperimentOptions> = {}) {
  const model = promptEchoModel();
  return new AnnotationExperiment({
    annotators: [annotator(model, "Judge"), annotator(model, "Critic")],
    seed: 3,
    ...options,
  });
}

describe("AnnotationExperiment", () => {
  it("plans every annotator on every discussion file, with stable ids", async () => {
    const plan = await experiment().plan(discussionsDir);
    const files = await jsonFiles(discussionsDir);
    expect(plan).toHaveLength(2 * 3);
    expect(plan.map((unit) => [unit.annotator, basename(unit.discussionFile)])).toEqual([
      ...files.map((file) => ["Judge", file]),
      ...files.map((file) => ["Critic", file]),
    ]);
    expect(plan.map((unit) => unit.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const unit of plan) {
      const discussion = await readJson<DiscussionFile>(unit.discussionFile);
      expect(unit.discussionId).toBe(discussion.id);
      expect(unit.id).toMatch(new RegExp(`^annotation-${unit.annotator}-${unit.discussionId}-[0-9a-f]{8}$`));
    }
    expect(await experiment({ seed: 99, concurrency: 4 }).plan(discussionsDir)).toEqual(plan);
  });

  it("keeps unit ids file-name safe and distinct for awkward annotator names", async () => {
    const model = promptEchoModel();
    const plan = await experiment({ annotators: [annotator(model, "a/b c"), annotator(model, "a_b_c")] }).plan(
      discussionsDir,
    );
    for (const unit of plan) expect(unit.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Set(plan.map((unit) => unit.id)).size).toBe(plan.length);
  });

  it("writes one annotation file per unit, each annotating every comment of its discussion", async () => {
    const outputDir = await freshDir();
    const run = experiment({ concurrency: 3 });
    const events: ExperimentEvent[] = [];
    const summary = await run.begin({ discussionsDir, outputDir, onProgress: (event) => events.push(event) });
    const plan = await run.plan(discussionsDir);

    expect(summary).toMatchObject({ total: 6, finished: 6, alreadyDone: 0, failed: [], interrupted: false });
    expect(await jsonFiles(outputDir)).toEqual(plan.map((unit) => `${unit.id}.json`).sort());
    for (const unit of plan) {
      const annotation = await readJson<AnnotationFile>(join(outputDir, `${unit.id}.json`));
      const discussion = await readJson<DiscussionFile>(unit.discussionFile);
      expect(annotation.conv_id).toBe(discussion.id);
      expect(annotation.annotator).toBe(unit.annotator);
      expect(annotation.ctx_length).toBe(3);
      expect(annotation.logs.map(([comment]) => comment)).toEqual(discussion.logs.map((entry) => entry.text));
      for (const [, label] of annotation.logs) expect(label).toMatch(/^I think [0-9a-f]{6} matters\.$/);
      expect(annotation.experiment).toMatchObject({
        unit_id: unit.id,
        seed: 3,
        discussion_file: basename(unit.discussionFile),
      });
      const turns = events.filter((event) => event.type === "turn" && event.unitId === unit.id);
      expect(turns).toHaveLength(discussion.logs.length);
      expect(turns.every((turn) => turn.type === "turn" && turn.name === unit.annotator)).toBe(true);
    }
    expect(summary.completionTokens).toBe(
      events.reduce((sum, event) => sum + (event.type === "unit-finished" ? event.completionTokens : 0), 0),
    );
    expect(summary.completionTokens).toBeGreaterThan(0);
  });

  it("leaves out the moderator's comments when told to", async () => {
    const outputDir = await freshDir();
    const run = experiment({ includeModComments: false });
    await run.begin({ discussionsDir, outputDir });
    for (const unit of await run.plan(discussionsDir)) {
      const annotation = await readJson<AnnotationFile>(join(outputDir, `${unit.id}.json`));
      const discussion = await readJson<DiscussionFile>(unit.discussionFile);
      const userComments = discussion.logs.filter((entry) => entry.name !== "Moderator").map((entry) => entry.text);
      expect(annotation.logs.map(([comment]) => comment)).toEqual(userComments);
      expect(userComments.length).toBeLessThan(discussion.logs.length);
    }
  });

  it("reports prompt tokens evaluated per annotated comment, and shares the model's slots between annotations", async () => {
    const outputDir = await freshDir();
    const load = { running: 0, most: 0 };
    const model = new ScriptedModel({
      concurrency: 6,
      replies: async (messages, call) => {
        load.running += 1;
        load.most = Math.max(load.most, load.running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        load.running -= 1;
        // Every other call says how much it evaluated; the others say nothing (like a server without cache counts).
        const evaluated = call % 2 === 0 ? { evaluatedPromptTokens: 30 } : {};
        return { text: replyTo(messages), promptTokens: 120, ...evaluated };
      },
    });
    const run = experiment({ annotators: [annotator(model, "Judge"), annotator(model, "Critic")], concurrency: 2 });
    const finished: ExperimentEvent[] = [];
    const summary = await run.begin({
      discussionsDir,
      outputDir,
      onProgress: (event) => {
        if (event.type === "unit-finished") finished.push(event);
      },
    });
    // 2 annotations at once, each sending 6 / 2 = 3 comments at once: the model's 6 slots, no more.
    expect(load.most).toBe(6);
    const turns = summary.promptEvaluation?.turns ?? 0;
    expect(turns).toBeGreaterThan(0);
    expect(summary.promptEvaluation).toEqual({
      turns,
      promptTokens: 120 * turns,
      evaluatedTokens: 30 * turns,
      evaluatedPerTurn: 30,
      evaluatedShare: 0.25,
    });
    expect(finished).toHaveLength(6);
    const journal = await readJournal(join(outputDir, ".syndisco", "journal.jsonl"));
    const evaluatedInJournal = journal.map((line) =>
      line.event === "unit-finished" ? (line.evaluatedPromptTokens ?? 0) : 0,
    );
    expect(evaluatedInJournal.reduce((sum, tokens) => sum + tokens, 0)).toBe(30 * turns);
  });

  it("records a failing annotation, finishes the others, and retries it on a rerun", async () => {
    const outputDir = await freshDir();
    let failing = true;
    const flaky = new ScriptedModel({
      replies: () => {
        if (failing) throw new Error("annotator offline");
        return "3";
      },
    });
    const healthy = promptEchoModel();
    const run = experiment({ annotators: [annotator(healthy, "Judge"), annotator(flaky, "Critic")] });
    const first = await run.begin({ discussionsDir, outputDir });
    expect(first.finished).toBe(3);
    expect(first.failed.map((failure) => failure.error)).toEqual(Array(3).fill("annotator offline"));
    expect(first.failed.every((failure) => failure.unitId.startsWith("annotation-Critic-"))).toBe(true);

    failing = false;
    const second = await run.begin({ discussionsDir, outputDir });
    expect(second).toMatchObject({ total: 6, finished: 6, alreadyDone: 3, failed: [] });
  });

  it("annotates only the discussions added to the folder since the last run", async () => {
    const folder = await freshDir();
    const outputDir = await freshDir();
    const [first, second] = await jsonFiles(discussionsDir);
    await copyFile(join(discussionsDir, first as string), join(folder, first as string));
    expect((await experiment().begin({ discussionsDir: folder, outputDir })).finished).toBe(2);
    await copyFile(join(discussionsDir, second as string), join(folder, second as string));
    const rerun = await experiment().begin({ discussionsDir: folder, outputDir });
    expect(rerun).toMatchObject({ total: 4, alreadyDone: 2, finished: 4 });
  });

  it("stops cleanly on the caller's signal and finishes on a rerun", async () => {
    const outputDir = await freshDir();
    const controller = new AbortController();
    const slow = promptEchoModel({ latencyMs: 10 });
    const run = experiment({ annotators: [annotator(slow, "Judge"), annotator(slow, "Critic")] });
    const [, second] = await run.plan(discussionsDir);
    const stopped = run.begin({
      discussionsDir,
      outputDir,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === "turn" && event.unitId === second?.id) controller.abort();
      },
    });
    await expect(stopped).rejects.toThrow(ExperimentInterruptedError);
    await expect(stopped).rejects.toThrow("1 of 6 annotations are done");
    const journal = await readJournal(join(outputDir, ".syndisco", "journal.jsonl"));
    expect(journal.at(-1)).toMatchObject({ event: "interrupted", finished: 1, total: 6 });
    expect(await jsonFiles(outputDir)).toHaveLength(1);
    expect(await run.begin({ discussionsDir, outputDir })).toMatchObject({ finished: 6, alreadyDone: 1 });
  });

  it("refuses a discussions folder that does not exist, naming it, before creating any output", async () => {
    const missing = join(await freshDir(), "no-such-folder");
    const outputDir = join(await freshDir(), "annotations");
    await expect(experiment().begin({ discussionsDir: missing, outputDir })).rejects.toThrow(
      `${missing}: cannot read the discussions folder (it does not exist, ENOENT)`,
    );
    await expect(jsonFiles(outputDir)).rejects.toThrow("ENOENT");
  });

  it("refuses a folder with a non-discussion JSON file, naming the file, before anything runs", async () => {
    const folder = await freshDir();
    const [first] = await jsonFiles(discussionsDir);
    await copyFile(join(discussionsDir, first as string), join(folder, first as string));
    const stray = join(folder, "settings.json");
    await writeFile(stray, JSON.stringify({ theme: "dark" }));
    const outputDir = join(await freshDir(), "annotations");
    await expect(experiment().begin({ discussionsDir: folder, outputDir })).rejects.toThrow(
      `${stray}: not a SynDisco discussion file: it fits neither SynDisco 2.0 (missing keys: id, timestamp, users, ` +
        "user_prompts, ctx_length, logs) nor SynDisco 2.2 (missing key: logs)",
    );
    await expect(jsonFiles(outputDir)).rejects.toThrow("ENOENT");
  });

  it("refuses an empty folder, duplicated discussions and non-annotator actors", async () => {
    const empty = await freshDir();
    await mkdir(join(empty, ".syndisco"));
    await expect(experiment().plan(empty)).rejects.toThrow(`${empty}: the folder holds no discussion files`);

    const doubled = await freshDir();
    const [first] = await jsonFiles(discussionsDir);
    await copyFile(join(discussionsDir, first as string), join(doubled, "a.json"));
    await copyFile(join(discussionsDir, first as string), join(doubled, "b.json"));
    await expect(experiment().plan(doubled)).rejects.toThrow(`${join(doubled, "b.json")}: the discussion id`);

    const [participant] = participantPool(promptEchoModel());
    expect(() => experiment({ annotators: [participant as Actor] })).toThrow(
      'annotators[0]: "Emma35" is not an annotator',
    );
    expect(() => experiment({ annotators: [] })).toThrow("annotators: at least one annotator is needed");
    expect(() => experiment({ historyCtxLen: 0 })).toThrow("historyCtxLen must be a whole number of at least 1");
  });

  it("refuses an output folder that holds a discussion experiment", async () => {
    await expect(experiment().begin({ discussionsDir, outputDir: discussionsDir })).rejects.toThrow(
      `${discussionsDir}: this folder holds the output of a different experiment (it holds discussions, not annotations)`,
    );
  });
});
