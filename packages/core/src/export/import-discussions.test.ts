import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import { MODERATOR_PERSONA } from "../../test/personas.js";
import { Actor } from "../actor/actor.js";
import { DiscussionExperiment } from "../experiments/discussion-experiment.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import { Persona } from "../persona.js";
import { type DiscussionRow, importDiscussions } from "./import-discussions.js";

const UPSTREAM = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/upstream");
const GUIDE_ID = "98f03c72-b8e6-49aa-9c92-f6383d575ab4";

let root: string;
let rows: DiscussionRow[];

beforeAll(async () => {
  // One folder per variant, as SynDisco users lay out their runs: upstream's files beside ours.
  root = await freshDir("syndisco-export-");
  await cp(join(UPSTREAM, "guide"), join(root, "upstream-guide"), { recursive: true });
  await cp(join(UPSTREAM, "json-prompts"), join(root, "upstream-json-prompts"), { recursive: true });
  const model = promptEchoModel();
  const moderator = new Actor({
    model,
    persona: new Persona(MODERATOR_PERSONA),
    context: "You are taking part in an online conversation",
    instructions: "You are a moderator. Oversee the discussion",
  });
  await new DiscussionExperiment({
    users: participantPool(model),
    moderator,
    seedOpinions: ["Cities should ban cars."],
    numDiscussions: 2,
    numTurns: 2,
    seed: 9,
  }).begin({ outputDir: join(root, "ours") });
  rows = await importDiscussions(root);
});

describe("importDiscussions", () => {
  it("reads upstream SynDisco's file with SynDisco's columns, then the author's persona attributes", () => {
    const upstream = rows.filter((row) => row.conv_id === GUIDE_ID);
    expect(upstream).toHaveLength(4);
    expect(Object.keys(upstream[0] as DiscussionRow)).toEqual([
      "conv_id",
      "timestamp",
      "ctx_length",
      "conv_variant",
      "user",
      "message",
      "model",
      "is_moderator",
      "message_id",
      "message_order",
      "age",
      "sex",
      "sexual_orientation",
      "demographic_group",
      "current_employment",
      "education_level",
      "special_instructions",
      "personality_characteristics",
    ]);
    expect(upstream[2]).toEqual({
      conv_id: GUIDE_ID,
      timestamp: "25-06-12-15-20",
      ctx_length: 5,
      conv_variant: "upstream-guide",
      user: "Giannis",
      message: "Thanks for the warm welcome, Moderator! I'm excited to start fresh.",
      model: "test_model",
      is_moderator: false,
      // hashlib.md5(f"{conv_id}_{message}".encode()).hexdigest(), computed with Python.
      message_id: "6397d5ae983784a274f2c7d1dd86a04f",
      message_order: 3,
      age: 21,
      sex: "male",
      sexual_orientation: "Pansexual",
      demographic_group: "White",
      current_employment: "Game Developer",
      education_level: "College",
      special_instructions: "",
      personality_characteristics: ["strategic", "meticulous", "nerdy", "hyper-focused"],
    });
  });

  it("marks the moderator's comments and gives them the moderator's persona", () => {
    const upstream = rows.filter((row) => row.conv_id === GUIDE_ID);
    expect(upstream.map((row) => [row.user, row.is_moderator, row.message_order])).toEqual([
      ["Emma35", false, 1],
      ["Moderator", true, 2],
      ["Giannis", false, 3],
      ["Moderator", true, 4],
    ]);
    expect(upstream[1]).toMatchObject({ age: 41, current_employment: "Moderator", education_level: "PhD" });
  });

  it("reads personas that upstream wrote as JSON strings", () => {
    const fromStrings = rows.filter((row) => row.conv_variant === "upstream-json-prompts");
    expect(fromStrings.map((row) => [row.user, row.model, row.age, row.personality_characteristics])).toEqual([
      ["Giannis", "hardcoded", 21, ["nerdy"]],
      ["Emma35", "llama-3.2-3b", 38, ["compassionate", "patient"]],
    ]);
    expect(fromStrings.every((row) => row.is_moderator === false)).toBe(true);
  });

  it("reads our files beside them, skipping the experiment's .syndisco folder", async () => {
    const ours = rows.filter((row) => row.conv_variant === "ours");
    const ids = [...new Set(ours.map((row) => row.conv_id))];
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const discussionRows = ours.filter((row) => row.conv_id === id);
      const file = discussionRows[0] as DiscussionRow;
      expect(discussionRows.map((row) => row.message_order)).toEqual([1, 2, 3, 4, 5]);
      expect(discussionRows[0]).toMatchObject({ model: "hardcoded", message: "Cities should ban cars." });
      expect(discussionRows.filter((row) => row.is_moderator).map((row) => row.user)).toEqual([
        "Moderator",
        "Moderator",
      ]);
      expect(file.ctx_length).toBe(3);
      expect(file.timestamp).toMatch(/^\d\d-\d\d-\d\d-\d\d-\d\d$/);
    }
    const ages: Record<string, number> = { Emma35: 20, Giannis: 21, Lena: 22, Omar: 23, Sofia: 24, Moderator: 41 };
    for (const row of ours) expect(row.age).toBe(ages[row.user]);
    expect(ours.find((row) => !row.is_moderator)?.personality_characteristics).toEqual([
      "curious",
      expect.stringMatching(/^trait\d$/),
    ]);
    // The plan in .syndisco/plan.json is JSON too; reading it as a discussion would have thrown.
    expect(await readdir(join(root, "ours", ".syndisco"))).toContain("plan.json");
  });

  it("orders files by path, so the export is the same on every run", async () => {
    expect(await importDiscussions(root)).toEqual(rows);
    expect([...new Set(rows.map((row) => row.conv_variant))]).toEqual([
      "ours",
      "upstream-guide",
      "upstream-json-prompts",
    ]);
  });

  it("keeps a fixed column when a persona has an attribute of the same name", async () => {
    const dir = await freshDir();
    const file = await readJson<DiscussionFile>(join(UPSTREAM, "guide", `${GUIDE_ID}.json`));
    const prompts = file.user_prompts as { persona: Record<string, unknown> }[];
    (prompts[0] as { persona: Record<string, unknown> }).persona.model = "a persona attribute";
    await writeFile(join(dir, "one.json"), JSON.stringify(file));
    const [first] = await importDiscussions(dir);
    expect(first).toMatchObject({ model: "test_model", persona_model: "a persona attribute" });
  });

  it("refuses a folder that does not exist or holds no discussions, naming it", async () => {
    const missing = join(root, "missing");
    await expect(importDiscussions(missing)).rejects.toThrow(
      `${missing}: cannot read the discussions folder (it does not exist, ENOENT)`,
    );
    const empty = await freshDir();
    await mkdir(join(empty, ".syndisco"));
    await writeFile(join(empty, ".syndisco", "plan.json"), "{}");
    await expect(importDiscussions(empty)).rejects.toThrow(`${empty}: the folder holds no discussion files`);
  });

  it("refuses a non-discussion JSON file, naming it and its bad field", async () => {
    const dir = await freshDir();
    await cp(join(UPSTREAM, "guide"), dir, { recursive: true });
    const stray = join(dir, "nested", "annotation.json");
    await cp(join(UPSTREAM, "annotations", "guide-annotation.json"), stray);
    await expect(importDiscussions(dir)).rejects.toThrow(
      `${stray}: id: not a SynDisco 2.0 discussion file (missing keys: id, users, user_prompts)`,
    );
    await writeFile(stray, "{ broken");
    await expect(importDiscussions(dir)).rejects.toThrow(`${stray}: not valid JSON`);
  });
});
