import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Actor, Persona, Study } from "@syndisco/core";
import { ScriptedModel } from "@syndisco/core/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { type Analysis, analyse } from "../src/index.js";
import { tempFolder } from "./helpers/discussion-files.js";

/**
 * A real study's output: core's Study over scripted participants (no neural model is needed to write the
 * files), 2 models × 2 moderation levels, 2 discussions per cell.
 */
async function runStudy(outputDir: string, format: "syndisco-2.0" | "syndisco-2.2" = "syndisco-2.0"): Promise<void> {
  const replies = ["I think cars should go.", "I disagree, buses are slow.", "Fair point.", "Please stay civil."];
  let turn = 0;
  const model = (key: string) =>
    new ScriptedModel({ name: `model-${key}`, replies: () => replies[turn++ % replies.length] as string });
  const study = new Study({
    factors: [
      { name: "model", levels: ["a", "b"] },
      { name: "moderation", levels: ["none", "strict"] },
    ],
    sets: [{ name: "main", replicates: 2 }],
    cellModels: (cell) => [cell.levels.model as string],
    cellSetup: (cell, lookup) => {
      const llm = lookup(cell.levels.model as string);
      const actor = (username: string, instructions: string) =>
        new Actor({ model: llm, persona: new Persona({ username }), context: "A forum", instructions });
      return {
        users: [actor("Emma", "Act like a human would"), actor("Omar", "Act like a human would")],
        numTurns: 3,
        ...(cell.levels.moderation === "strict" ? { moderator: actor("Mod", "Remove every insult.") } : {}),
      };
    },
    seed: 5,
    format,
  });
  await study.begin({ outputDir, loadModel: async (key) => model(key), handleSignals: false });
}

describe("analyse a study's output", () => {
  let folder: string;
  beforeAll(async () => {
    folder = join(tempFolder(), "study");
    await runStudy(folder);
  });

  it("groups by the study's factors, which its discussion files record", async () => {
    expect(readdirSync(folder)).toContain("study.json");
    // Source tests cannot start the built worker threads (see src/analyse.test.ts).
    const byModeration: Analysis = await analyse([folder], { by: ["moderation"], threads: 1 });
    expect(byModeration.tables.dataset.map((row) => [row.group, row.discussions, row.moderation])).toEqual([
      ["none", 4, "none"],
      ["strict", 4, "strict"],
    ]);
    const moderated = byModeration.tables.moderation.filter((row) => row.model === "all");
    expect(moderated.map((row) => row.group)).toEqual(["none", "strict"]);
    expect(moderated[0]?.comments).toBe(0);
    expect(moderated[1]?.comments as number).toBeGreaterThan(0);

    const byBoth = await analyse([folder], { by: ["model", "moderation"], threads: 1 });
    expect(byBoth.tables.dataset.map((row) => row.group).sort()).toEqual([
      "a / none",
      "a / strict",
      "b / none",
      "b / strict",
    ]);
    // The factor's level names the group, not the model's name in the comments (model-a).
    expect(byBoth.tables.participation.map((row) => row.model)).toContain("model-a");
  });
});

describe("analyse a study's output written in SynDisco 2.2's format", () => {
  it("finds the factors and the moderator in the sidecars, as for 2.0 files", async () => {
    const folder = join(tempFolder(), "study-22");
    await runStudy(folder, "syndisco-2.2");
    const cell = join(folder, "discussions", "model=a,moderation=strict");
    expect(readdirSync(cell).filter((name) => name.endsWith(".meta.json"))).toHaveLength(2);
    const byModeration: Analysis = await analyse([folder], { by: ["moderation"], threads: 1 });
    expect(byModeration.tables.dataset.map((row) => [row.group, row.discussions, row.moderation])).toEqual([
      ["none", 4, "none"],
      ["strict", 4, "strict"],
    ]);
    // "Remove every insult." does not say it moderates: only the sidecar tells that Mod is the moderator.
    const moderated = byModeration.tables.moderation.filter((row) => row.model === "all");
    expect(moderated[1]?.comments as number).toBeGreaterThan(0);
  });
});
