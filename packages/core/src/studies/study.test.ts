import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, jsonFiles, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import { Actor } from "../actor/actor.js";
import { importDiscussions } from "../export/import-discussions.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import { loggingSetup } from "../logging/logging-setup.js";
import type { BaseModel } from "../model/base-model.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import type { StudyFactor } from "./design.js";
import type { StudyManifest } from "./manifest.js";
import { Study, type StudyOptions } from "./study.js";
import type { StudyEvent } from "./study-events.js";

const MODERATORS: Record<string, string> = { strict: "Remove every insult.", gentle: "Invite calm.", kind: "Be kind." };

function study(factors: StudyFactor[], options: Partial<StudyOptions> = {}): Study {
  return new Study({
    factors,
    sets: [{ name: "main", replicates: 2 }],
    cellModels: (cell) => [cell.levels.model ?? "a"],
    cellSetup: (cell, model) => {
      const llm = model(cell.levels.model ?? "a") as ScriptedModel;
      const instructions = MODERATORS[cell.levels.moderation ?? "none"];
      return {
        users: participantPool(llm),
        numTurns: 2,
        ...(instructions
          ? {
              moderator: new Actor({
                model: llm,
                persona: new Persona({ username: "Moderator" }),
                context: "You moderate",
                instructions,
              }),
            }
          : {}),
      };
    },
    seed: 3,
    ...options,
  });
}

const TWO_BY_TWO: StudyFactor[] = [
  { name: "model", levels: ["a", "b"] },
  { name: "moderation", levels: ["none", "strict"] },
];

/** Loads scripted models named by their key, and records what was loaded and disposed of, in order. */
function modelLoader() {
  const log: string[] = [];
  const loadModel = async (key: string): Promise<BaseModel> => {
    log.push(`load ${key}`);
    const model = promptEchoModel({ name: key, recordCalls: false });
    const dispose = model.dispose.bind(model);
    model.dispose = async () => {
      log.push(`dispose ${key}`);
      await dispose();
    };
    return model;
  };
  return { log, loadModel };
}

beforeAll(async () => {
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

describe("Study.begin", () => {
  it("writes one folder per cell, the levels in every file, and study.json beside them", async () => {
    const outputDir = await freshDir();
    const { log, loadModel } = modelLoader();
    const summary = await study(TWO_BY_TWO).begin({ outputDir, loadModel, handleSignals: false });
    expect(summary).toMatchObject({ total: 8, finished: 8, alreadyDone: 0, failed: 0, interrupted: false });
    // Each model is loaded once and disposed of before the next is loaded.
    expect(log).toEqual(["load a", "dispose a", "load b", "dispose b"]);
    const cells = (await readdir(join(outputDir, "discussions"))).sort();
    expect(cells).toEqual([
      "model=a,moderation=none",
      "model=a,moderation=strict",
      "model=b,moderation=none",
      "model=b,moderation=strict",
    ]);
    for (const cell of cells) {
      const files = await jsonFiles(join(outputDir, "discussions", cell));
      expect(files).toHaveLength(2);
      for (const name of files) {
        const file = await readJson<DiscussionFile>(join(outputDir, "discussions", cell, name));
        const [model, moderation] = cell.split(",").map((pair) => pair.split("=")[1]);
        expect(file.study).toEqual({ cell, levels: { model, moderation }, sets: ["main"] });
        expect(file.moderator).toBe(moderation === "none" ? null : "Moderator");
        expect(file.logs.find((entry) => entry.model !== "hardcoded")?.model).toBe(model);
      }
    }
    const manifest = await readJson<StudyManifest>(join(outputDir, "study.json"));
    expect(manifest).toMatchObject({ format: "syndisco-study", seed: 3, factors: TWO_BY_TWO });
    expect(manifest.cells.map((cell) => [cell.id, cell.folder, cell.replicates, cell.inDesign])).toEqual(
      cells.map((cell) => [cell, `discussions/${cell}`, 2, true]),
    );
    for (const cell of manifest.cells) {
      const plan = JSON.parse(await readFile(join(outputDir, cell.folder, ".syndisco", "plan.json"), "utf8"));
      expect(plan.fingerprint).toBe(cell.fingerprint);
    }
  });

  it("runs only the new cells when a level is added, loading only their model", async () => {
    const outputDir = await freshDir();
    await study(TWO_BY_TWO).begin({ outputDir, loadModel: modelLoader().loadModel, handleSignals: false });
    const grown: StudyFactor[] = [
      TWO_BY_TWO[0] as StudyFactor,
      { name: "moderation", levels: ["none", "strict", "gentle"] },
    ];
    const { log, loadModel } = modelLoader();
    const started: string[] = [];
    const summary = await study(grown).begin({
      outputDir,
      loadModel,
      handleSignals: false,
      onProgress: (event: StudyEvent) => {
        if (event.type === "cell-started") started.push(event.cellId);
      },
    });
    expect(started).toEqual(["model=a,moderation=gentle", "model=b,moderation=gentle"]);
    expect(summary).toMatchObject({ total: 12, finished: 12, alreadyDone: 8 });
    expect(log).toEqual(["load a", "dispose a", "load b", "dispose b"]);
    // A third run has nothing to do and loads nothing.
    const idle = modelLoader();
    await study(grown).begin({ outputDir, loadModel: idle.loadModel, handleSignals: false });
    expect(idle.log).toEqual([]);
  });

  it("refuses a cell whose setup changed, naming the cell and what changed, before loading a model", async () => {
    const outputDir = await freshDir();
    await study(TWO_BY_TWO).begin({ outputDir, loadModel: modelLoader().loadModel, handleSignals: false });
    MODERATORS.strict = "Remove every insult, and every joke.";
    try {
      const { log, loadModel } = modelLoader();
      const run = study(TWO_BY_TWO).begin({ outputDir, loadModel, handleSignals: false });
      await expect(run).rejects.toThrow(/2 cell\(s\) of the study hold the output of a different setup/);
      await expect(study(TWO_BY_TWO).begin({ outputDir, loadModel, handleSignals: false })).rejects.toThrow(
        "model=a,moderation=strict: it differs in moderator",
      );
      expect(log).toEqual([]);
      // The unchanged cells run when the changed ones are left out.
      const rest = await study(TWO_BY_TWO).begin({
        outputDir,
        loadModel,
        handleSignals: false,
        cells: new Map([["moderation", new Set(["none"])]]),
      });
      expect(rest).toMatchObject({ total: 4, finished: 4, alreadyDone: 4 });
    } finally {
      MODERATORS.strict = "Remove every insult.";
    }
  });

  it("runs `concurrency` cells of a model at once, and caps every cell at maxReplicates", async () => {
    const outputDir = await freshDir();
    let running = 0;
    let most = 0;
    const factors: StudyFactor[] = [
      { name: "model", levels: ["a"] },
      { name: "moderation", levels: ["none", "strict", "gentle", "kind"] },
    ];
    const summary = await study(factors, { concurrency: 3 }).begin({
      outputDir,
      loadModel: async (key) => new ScriptedModel({ name: key, replies: ["Fine."], latencyMs: 2 }),
      handleSignals: false,
      maxReplicates: 1,
      onProgress: (event) => {
        if (event.type === "cell-started") most = Math.max(most, ++running);
        if (event.type === "cell-finished") running -= 1;
      },
    });
    expect(summary).toMatchObject({ total: 4, finished: 4 });
    expect(most).toBe(3);
  });

  it("keeps the seed it drew in study.json, so a rerun without one finishes the same plan", async () => {
    const outputDir = await freshDir();
    const first = study(TWO_BY_TWO, { seed: undefined });
    await first.begin({ outputDir, loadModel: modelLoader().loadModel, handleSignals: false, maxReplicates: 1 });
    const second = study(TWO_BY_TWO, { seed: undefined });
    const summary = await second.begin({ outputDir, loadModel: modelLoader().loadModel, handleSignals: false });
    expect(summary).toMatchObject({ total: 8, finished: 8, alreadyDone: 4 });
    expect(await second.seedFor(outputDir)).toBe(await first.seedFor(outputDir));
  });
});

describe("exporting a study", () => {
  it("gives one column per factor, and the cell as the variant", async () => {
    const outputDir = await freshDir();
    await study(TWO_BY_TWO).begin({ outputDir, loadModel: modelLoader().loadModel, handleSignals: false });
    const rows = await importDiscussions(join(outputDir, "discussions"));
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) {
      expect(row.conv_variant).toBe(`model=${row.factor_model},moderation=${row.factor_moderation}`);
    }
    expect(new Set(rows.map((row) => row.conv_variant)).size).toBe(4);
    const columns = Object.keys(rows[0] ?? {});
    expect(columns.slice(columns.indexOf("message_order") + 1, columns.indexOf("message_order") + 3)).toEqual([
      "factor_model",
      "factor_moderation",
    ]);
  });
});

describe("Study.plan", () => {
  it("counts each cell's finished discussions without loading a model", async () => {
    const outputDir = await freshDir();
    const placeholders = (key: string) => promptEchoModel({ name: key });
    await study(TWO_BY_TWO).begin({
      outputDir,
      loadModel: modelLoader().loadModel,
      handleSignals: false,
      maxReplicates: 1,
    });
    const plans = await study(TWO_BY_TWO).plan(outputDir, placeholders);
    expect(plans.map((plan) => [plan.cell.id, plan.discussions, plan.done])).toEqual([
      ["model=a,moderation=none", 2, 1],
      ["model=a,moderation=strict", 2, 1],
      ["model=b,moderation=none", 2, 1],
      ["model=b,moderation=strict", 2, 1],
    ]);
  });
});
