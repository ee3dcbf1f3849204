import { writeFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  entries,
  freshDir,
  jsonFiles,
  participantPool,
  promptEchoModel,
  readJson,
  withoutRunDetails,
} from "../../test/experiment-helpers.js";
import { Actor } from "../actor/actor.js";
import { InputError } from "../errors.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import { loggingSetup } from "../logging/logging-setup.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { RandomWeighted } from "../turn-managers/random-weighted.js";
import { DiscussionExperiment, type DiscussionExperimentOptions } from "./discussion-experiment.js";
import type { ExperimentEvent } from "./events.js";
import { ExperimentInterruptedError } from "./interrupted-error.js";
import { readJournal } from "./journal.js";

function experiment(options: Partial<DiscussionExperimentOptions> = {}) {
  return new DiscussionExperiment({
    users: participantPool(promptEchoModel()),
    seedOpinions: ["Cities should ban cars.", "Homework does more harm than good."],
    numDiscussions: 6,
    numTurns: 4,
    numActiveUsers: 2,
    seed: 11,
    ...options,
  });
}

beforeAll(async () => {
  // The failures these tests provoke are logged as warnings; keep the test output readable.
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("DiscussionExperiment.begin", () => {
  it("writes one valid file per planned discussion, named by its unit id", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 5 });
    const summary = await run.begin({ outputDir });
    const plan = run.plan();

    expect(await jsonFiles(outputDir)).toEqual(plan.map((unit) => `${unit.id}.json`).sort());
    for (const unit of plan) {
      const file = await readJson<DiscussionFile>(join(outputDir, `${unit.id}.json`));
      expect(file.users).toEqual(unit.participants);
      expect(file.logs[0]).toMatchObject({
        name: unit.seedOpinionUsername,
        text: unit.seedOpinion,
        model: "hardcoded",
      });
      expect(file.logs).toHaveLength(1 + 4);
      expect(file.ctx_length).toBe(3);
      expect(file.experiment).toEqual({
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        unit_id: unit.id,
        index: unit.index,
        seed: 11,
        turn_manager_seed: unit.turnManagerSeed,
      });
    }
    expect(summary).toMatchObject({ total: 5, finished: 5, alreadyDone: 0, failed: [], interrupted: false });
    expect(summary.outputDir).toBe(outputDir);
    expect(summary.journalPath).toBe(join(outputDir, ".syndisco", "journal.jsonl"));
  });

  it("gives each discussion a fresh turn manager seeded by the plan", async () => {
    const outputDir = await freshDir();
    const run = experiment({ nextTurnManager: new RandomWeighted({ pRespond: 0.5 }), numDiscussions: 3 });
    await run.begin({ outputDir });
    for (const unit of run.plan()) {
      const file = await readJson<DiscussionFile>(join(outputDir, `${unit.id}.json`));
      expect(file.turn_manager).toEqual({ type: "random_weighted", p_respond: 0.5, seed: unit.turnManagerSeed });
    }
  });

  it("writes the same files, ids and times aside, at concurrency 1 and 8", async () => {
    const serialDir = await freshDir();
    const parallelDir = await freshDir();
    const latency = (call: number) => (call * 7) % 5;
    await experiment({ numDiscussions: 12, concurrency: 1 }).begin({ outputDir: serialDir });
    const parallel = experiment({
      numDiscussions: 12,
      concurrency: 8,
      users: participantPool(promptEchoModel({ latencyMs: latency })),
    });
    await parallel.begin({ outputDir: parallelDir });

    const names = await jsonFiles(serialDir);
    expect(names).toHaveLength(12);
    expect(await jsonFiles(parallelDir)).toEqual(names);
    for (const name of names) {
      const serial = withoutRunDetails(await readJson(join(serialDir, name)));
      const concurrent = withoutRunDetails(await readJson(join(parallelDir, name)));
      expect(concurrent).toEqual(serial);
    }
  });

  it("runs at most `concurrency` discussions at once", async () => {
    const outputDir = await freshDir();
    let calling = 0;
    let most = 0;
    // Each discussion waits for one model call at a time, so concurrent calls are concurrent discussions.
    const model = new ScriptedModel({
      replies: ["Sure."],
      latencyMs: () => {
        most = Math.max(most, ++calling);
        setTimeout(() => (calling -= 1), 2);
        return 2;
      },
    });
    await experiment({ numDiscussions: 10, concurrency: 3, users: participantPool(model) }).begin({ outputDir });
    expect(most).toBe(3);
    expect(await jsonFiles(outputDir)).toHaveLength(10);
  });

  it("reports progress events in order, with token counts that add up", async () => {
    const outputDir = await freshDir();
    const events: ExperimentEvent[] = [];
    const summary = await experiment({ numDiscussions: 3, seedOpinions: [] }).begin({
      outputDir,
      onProgress: (event) => events.push(event),
    });

    expect(events[0]).toEqual({ type: "experiment-started", total: 3, alreadyDone: 0, toRun: 3 });
    expect(events.at(-1)).toEqual({ type: "experiment-finished", summary });
    const finished = events.filter((event) => event.type === "unit-finished");
    expect(finished).toHaveLength(3);
    for (const unit of finished) {
      const turns = events.filter((event) => event.type === "turn" && event.unitId === unit.unitId);
      expect(turns).toHaveLength(4);
      const prompt = turns.reduce((sum, turn) => sum + (turn.type === "turn" ? (turn.promptTokens ?? 0) : 0), 0);
      expect(prompt).toBeGreaterThan(0);
      expect(unit.promptTokens).toBe(prompt);
      expect(unit.completionTokens).toBe(4 * 4); // "I think xxxxxx matters." is four words
      expect(unit.file).toBe(join(outputDir, `${unit.unitId}.json`));
      const started = events.findIndex((event) => event.type === "unit-started" && event.unitId === unit.unitId);
      expect(started).toBeGreaterThan(0);
      expect(started).toBeLessThan(events.indexOf(unit));
    }
    expect(summary.promptTokens).toBe(finished.reduce((sum, event) => sum + event.promptTokens, 0));
    expect(summary.completionTokens).toBe(3 * 16);
  });

  it("lets the moderator join every discussion outside the turn order", async () => {
    const outputDir = await freshDir();
    const model = promptEchoModel();
    const moderator = new Actor({
      model,
      persona: new Persona({ username: "Moderator", age: 41 }),
      context: "You are taking part in an online conversation",
      instructions: "You are a moderator. Oversee the discussion",
    });
    const run = experiment({ moderator, numDiscussions: 2, seedOpinions: [] });
    await run.begin({ outputDir });
    for (const unit of run.plan()) {
      const file = await readJson<DiscussionFile>(join(outputDir, `${unit.id}.json`));
      expect(file.moderator).toBe("Moderator");
      expect(file.users).not.toContain("Moderator");
      const round = unit.participants.flatMap((name) => [name, "Moderator"]);
      // Four turns of round robin between two participants, each answered by the moderator.
      expect(file.logs.map((entry) => entry.name)).toEqual([...round, ...round]);
    }
  });

  it("prints each comment when verbose", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await experiment({ numDiscussions: 1, seedOpinions: ["Cities should ban cars."] }).begin({
      outputDir: await freshDir(),
      verbose: true,
    });
    const printed = log.mock.calls.map((call) => String(call[0]));
    expect(printed).toHaveLength(5);
    expect(printed[0]).toMatch(/^User \w+ posted:\nCities should ban cars\.\n$/);
    expect(printed[1]).toMatch(/^User \w+ posted:\nI think [0-9a-f]{6} matters\.\n$/);
  });
});

describe("DiscussionExperiment failures and resumption", () => {
  it("records a discussion whose model throws as failed, finishes the others, and retries it on a rerun", async () => {
    const outputDir = await freshDir();
    const poison = "Tipping should end.";
    const seedOpinions = ["Cities should ban cars.", poison];
    let failing = true;
    const model = new ScriptedModel({
      replies: (messages) => {
        if (failing && messages.some((message) => message.content.includes(poison))) {
          throw new Error("the model crashed");
        }
        return "Fine by me.";
      },
    });
    const run = experiment({ users: participantPool(model), seedOpinions, numDiscussions: 8 });
    const poisoned = run.plan().filter((unit) => unit.seedOpinion === poison);
    expect(poisoned.length).toBeGreaterThan(0);
    expect(poisoned.length).toBeLessThan(8);

    const events: ExperimentEvent[] = [];
    const first = await run.begin({ outputDir, onProgress: (event) => events.push(event) });
    expect(first.finished).toBe(8 - poisoned.length);
    expect(first.failed).toEqual(poisoned.map((unit) => ({ unitId: unit.id, error: "the model crashed" })));
    expect(events.filter((event) => event.type === "unit-failed")).toHaveLength(poisoned.length);
    expect(await jsonFiles(outputDir)).toHaveLength(8 - poisoned.length);
    const journal = await readJournal(first.journalPath);
    expect(journal.filter((record) => record.event === "unit-failed").map((record) => record.unit)).toEqual(
      poisoned.map((unit) => unit.id),
    );

    failing = false;
    const second = await run.begin({ outputDir });
    expect(second).toMatchObject({ total: 8, finished: 8, alreadyDone: 8 - poisoned.length, failed: [] });
    expect(await jsonFiles(outputDir)).toEqual(
      run
        .plan()
        .map((unit) => `${unit.id}.json`)
        .sort(),
    );
  });

  it("skips finished discussions on a rerun and writes nothing new when all are done", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 4 });
    await run.begin({ outputDir });
    const before = await Promise.all(
      (await jsonFiles(outputDir)).map((name) => readFile(join(outputDir, name), "utf8")),
    );
    const events: ExperimentEvent[] = [];
    const again = await experiment({ numDiscussions: 4 }).begin({
      outputDir,
      onProgress: (event) => events.push(event),
    });
    expect(again).toMatchObject({ total: 4, finished: 4, alreadyDone: 4, promptTokens: 0 });
    expect(events.map((event) => event.type)).toEqual(["experiment-started", "experiment-finished"]);
    const after = await Promise.all(
      (await jsonFiles(outputDir)).map((name) => readFile(join(outputDir, name), "utf8")),
    );
    expect(after).toEqual(before);
  });

  it("journals a finished file that a killed run wrote but did not get to journal", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 3 });
    const { journalPath } = await run.begin({ outputDir });
    const [lost] = run.plan();
    const kept = (await readFile(journalPath, "utf8"))
      .split("\n")
      .filter((line) => !(line.includes('"unit-finished"') && line.includes(`"${lost?.id}"`)))
      .join("\n");
    await writeFile(journalPath, kept);

    await run.begin({ outputDir });
    const journal = await readJournal(journalPath);
    const found = journal.filter((record) => record.event === "unit-found");
    expect(found).toEqual([
      expect.objectContaining({ unit: lost?.id, file: join(outputDir, `${lost?.id}.json`), run: journal.at(-1)?.run }),
    ]);
    // Once journaled, it is not reported again.
    await run.begin({ outputDir });
    expect((await readJournal(journalPath)).filter((record) => record.event === "unit-found")).toHaveLength(1);
  });

  it("reuses the seed recorded in the folder when none is given", async () => {
    const outputDir = await freshDir();
    const first = experiment({ seed: undefined, numDiscussions: 3 });
    await first.begin({ outputDir });
    const second = experiment({ seed: undefined, numDiscussions: 3 });
    const summary = await second.begin({ outputDir });
    expect(second.seed).toBe(first.seed);
    expect(second.plan()).toEqual(first.plan());
    expect(summary.alreadyDone).toBe(3);
  });

  it("refuses a folder that holds a different experiment, naming what differs", async () => {
    const outputDir = await freshDir();
    await experiment({ numDiscussions: 2 }).begin({ outputDir });
    const other = experiment({ numDiscussions: 2, numTurns: 5 }).begin({ outputDir });
    await expect(other).rejects.toThrow(InputError);
    await expect(experiment({ numDiscussions: 2, numTurns: 5 }).begin({ outputDir })).rejects.toThrow(
      `${outputDir}: this folder holds the output of a different experiment (it differs in: numTurns)`,
    );
    await expect(experiment({ numDiscussions: 2, seed: 12 }).begin({ outputDir })).rejects.toThrow(
      "it differs in: seed",
    );
    expect(await jsonFiles(outputDir)).toHaveLength(2);
  });

  it("removes temporary files left by a crash and journals it", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 2 });
    const [unit] = run.plan();
    await mkdir(outputDir, { recursive: true });
    await writeFile(join(outputDir, `.${unit?.id}.json.4242.0badc0de.tmp`), '{"id": "half');
    const summary = await run.begin({ outputDir });
    expect(summary.finished).toBe(2);
    expect((await entries(outputDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const [started] = await readJournal(summary.journalPath);
    expect(started).toMatchObject({ event: "experiment-started", removedTemporaryFiles: 1 });
  });

  it("refuses a file in the way of a unit instead of taking it for finished work", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 2 });
    await run.begin({ outputDir });
    const [unit] = run.plan();
    const path = join(outputDir, `${unit?.id}.json`);
    const file = await readJson(path);
    await writeFile(path, JSON.stringify({ ...file, experiment: { unit_id: "someone-else" } }));
    await expect(run.begin({ outputDir })).rejects.toThrow(`${path}: the file is not the output of unit`);
    await writeFile(path, "{ not json");
    await expect(run.begin({ outputDir })).rejects.toThrow(`${path}: the output file is not valid JSON`);
  });

  it("never overwrites: a file that appears in a unit's place makes that unit fail, the others finish", async () => {
    const outputDir = await freshDir();
    const run = experiment({ numDiscussions: 3 });
    const [, victim] = run.plan();
    const path = join(outputDir, `${victim?.id}.json`);
    const summary = await run.begin({
      outputDir,
      onProgress: (event) => {
        if (event.type === "unit-started" && event.unitId === victim?.id) writeFileSync(path, "someone else's work");
      },
    });
    expect(summary.finished).toBe(2);
    expect(summary.failed).toEqual([
      { unitId: victim?.id, error: expect.stringContaining("the file already exists and SynDisco never overwrites") },
    ]);
    expect(await readFile(path, "utf8")).toBe("someone else's work");
  });

  it("refuses a folder that another live run holds", async () => {
    const outputDir = await freshDir();
    const slow = experiment({ numDiscussions: 2, users: participantPool(promptEchoModel({ latencyMs: 30 })) });
    const first = slow.begin({ outputDir, handleSignals: false });
    await vi.waitFor(async () => expect(await entries(join(outputDir, ".syndisco"))).toContain("lock"));
    await expect(experiment({ numDiscussions: 2 }).begin({ outputDir })).rejects.toThrow(
      `another SynDisco run (process ${process.pid}`,
    );
    await expect(first).resolves.toMatchObject({ finished: 2 });
    expect(await entries(join(outputDir, ".syndisco"))).not.toContain("lock");
  });
});

describe("DiscussionExperiment interruption", () => {
  it("stops on the caller's signal: no new units, no partial files, the journal says so, the rerun finishes", async () => {
    const outputDir = await freshDir();
    const controller = new AbortController();
    const slowModel = promptEchoModel({ latencyMs: 15 });
    const run = experiment({ numDiscussions: 10, concurrency: 2, users: participantPool(slowModel) });
    const begun = run.begin({
      outputDir,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === "unit-finished") controller.abort();
      },
    });
    const error = await begun.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ExperimentInterruptedError);
    const { summary, message } = error as ExperimentInterruptedError;
    expect(summary.interrupted).toBe(true);
    expect(summary.finished).toBeGreaterThanOrEqual(1);
    expect(summary.finished).toBeLessThan(10);
    expect(message).toContain(`${summary.finished} of 10 discussions are done in ${outputDir}`);
    expect(message).toContain("run the same experiment with the same outputDir again");

    const files = await jsonFiles(outputDir);
    expect(files).toHaveLength(summary.finished);
    for (const name of files) expect((await readJson<DiscussionFile>(join(outputDir, name))).logs).toHaveLength(5);
    expect((await entries(outputDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const journal = await readJournal(summary.journalPath);
    expect(journal.at(-1)).toMatchObject({ event: "interrupted", finished: summary.finished, total: 10 });
    const started = journal.filter((record) => record.event === "unit-started").map((record) => record.unit);
    const ended = journal
      .filter((record) => record.event === "unit-finished" || record.event === "unit-abandoned")
      .map((record) => record.unit);
    expect(ended.sort()).toEqual(started.sort());
    expect(started.length).toBeLessThan(10);

    const rerun = await run.begin({ outputDir });
    expect(rerun).toMatchObject({ total: 10, finished: 10, alreadyDone: summary.finished, interrupted: false });
    expect(await jsonFiles(outputDir)).toHaveLength(10);
  });

  it("turns SIGINT into a clean stop and removes its signal listeners afterwards", async () => {
    const outputDir = await freshDir();
    const before = process.listeners("SIGINT");
    const run = experiment({ numDiscussions: 6, users: participantPool(promptEchoModel({ latencyMs: 10 })) });
    const [, second] = run.plan();
    const begun = run.begin({
      outputDir,
      onProgress: (event) => {
        // Stop while the second discussion talks: the first is then done, or being written and kept.
        if (!(event.type === "turn" && event.unitId === second?.id)) return;
        // Call the experiment's own listener rather than raising a real signal in the test runner.
        const added = process.listeners("SIGINT").filter((listener) => !before.includes(listener));
        expect(added).toHaveLength(1);
        added[0]?.("SIGINT");
      },
    });
    await expect(begun).rejects.toThrow("The experiment was interrupted (SIGINT): 1 of 6 discussions are done");
    expect(process.listeners("SIGINT")).toEqual(before);
    const journal = await readJournal(join(outputDir, ".syndisco", "journal.jsonl"));
    expect(journal.at(-1)).toMatchObject({ event: "interrupted", reason: "SIGINT", finished: 1 });
  });

  it("does not listen for signals when told not to", async () => {
    const before = process.listenerCount("SIGTERM");
    let during = -1;
    await experiment({ numDiscussions: 1 }).begin({
      outputDir: await freshDir(),
      handleSignals: false,
      onProgress: () => {
        during = process.listenerCount("SIGTERM");
      },
    });
    expect(during).toBe(before);
  });

  it("keeps going when a progress listener throws", async () => {
    const summary = await experiment({ numDiscussions: 2 }).begin({
      outputDir: await freshDir(),
      onProgress: () => {
        throw new Error("the progress bar broke");
      },
    });
    expect(summary.finished).toBe(2);
  });
});

describe("DiscussionExperiment input checks", () => {
  it("refuses numActiveUsers larger than the pool", () => {
    expect(() => experiment({ numActiveUsers: 6 })).toThrow(
      "numActiveUsers: numActiveUsers is 6 but the pool has only 5 users. Use at most 5, or add users to the pool",
    );
  });

  it("refuses numDiscussions below 1 and other bad counts", () => {
    expect(() => experiment({ numDiscussions: 0 })).toThrow(
      "numDiscussions must be a whole number of at least 1, not 0",
    );
    expect(() => experiment({ numTurns: 2.5 })).toThrow("numTurns must be a whole number of at least 1");
    expect(() => experiment({ concurrency: 0 })).toThrow("concurrency must be a whole number of at least 1");
    expect(() => experiment({ seed: -1 })).toThrow("seed must be a whole number from 0 to 2147483647, not -1");
  });

  it("refuses an empty pool, duplicate usernames, blank seed opinions and a moderator inside the pool", () => {
    const model = promptEchoModel();
    const users = participantPool(model);
    expect(() => experiment({ users: [] })).toThrow("users: at least one participant is needed");
    expect(() => experiment({ users: [...users, ...participantPool(model, ["Lena"])] })).toThrow(
      'users[5]: two participants share the username "Lena"',
    );
    expect(() => experiment({ seedOpinions: ["fine", "  "] })).toThrow("seedOpinions[1]: every seed opinion");
    expect(() => experiment({ users, moderator: users[0] })).toThrow(
      'moderator: the moderator "Emma35" is also in the users pool',
    );
  });

  it("refuses an output folder that cannot be written, naming it", async () => {
    const parent = await freshDir();
    const file = join(parent, "not-a-folder");
    await writeFile(file, "x");
    await expect(experiment().begin({ outputDir: file })).rejects.toThrow(`${file}: cannot write to the output folder`);
    // The reason in words with its code once, never the internal .syndisco folder.
    await expect(experiment().begin({ outputDir: join(file, "below") })).rejects.toThrow(
      `${join(file, "below")}: cannot write to the output folder (a part of the path is a file, not a folder, ENOTDIR). ${file} is a file: choose a path under a folder`,
    );
    await expect(experiment().begin({ outputDir: "" })).rejects.toThrow("outputDir: an output folder is required");
  });
});
