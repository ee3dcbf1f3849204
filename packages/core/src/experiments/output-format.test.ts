import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotator, freshDir, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import { importDiscussions } from "../export/import-discussions.js";
import { loadDiscussionFile } from "../jobs/load-discussion.js";
import { loggingSetup } from "../logging/logging-setup.js";
import { Study } from "../studies/study.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { AnnotationExperiment } from "./annotation-experiment.js";
import { DiscussionExperiment, type DiscussionExperimentOptions } from "./discussion-experiment.js";
import { readJournal } from "./journal.js";

function options(extra: Partial<DiscussionExperimentOptions> = {}): DiscussionExperimentOptions {
  return {
    users: participantPool(promptEchoModel()),
    seedOpinions: ["Cities should ban cars."],
    numDiscussions: 3,
    numTurns: 3,
    seed: 5,
    format: "syndisco-2.2",
    ...extra,
  };
}

const experiment = (extra: Partial<DiscussionExperimentOptions> = {}) => new DiscussionExperiment(options(extra));

const outputFiles = async (dir: string) => (await readdir(dir)).filter((name) => !name.startsWith(".")).sort();

beforeAll(async () => {
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

describe('DiscussionExperiment({ format: "syndisco-2.2" })', () => {
  it("writes each discussion in 2.2's shape with its sidecar, and a rerun finds them all done", async () => {
    const outputDir = await freshDir();
    const run = experiment();
    await run.begin({ outputDir });
    const ids = run.plan().map((unit) => unit.id);
    expect(await outputFiles(outputDir)).toEqual(ids.flatMap((id) => [`${id}.json`, `${id}.meta.json`]).sort());
    for (const id of ids) {
      expect(Object.keys(await readJson(join(outputDir, `${id}.json`)))).toEqual(["timestamp", "logs"]);
      expect(await readJson(join(outputDir, `${id}.meta.json`))).toMatchObject({
        experiment: { unit_id: id, seed: 5 },
      });
    }

    const again = await experiment().begin({ outputDir });
    expect(again).toMatchObject({ total: 3, alreadyDone: 3, finished: 3 });
    const started = (await readJournal(join(outputDir, ".syndisco", "journal.jsonl"))).filter(
      (record) => record.event === "experiment-started",
    );
    expect(started.map((record) => "format" in record && record.format)).toEqual(["syndisco-2.2", "syndisco-2.2"]);
  });

  it("resumes: a missing discussion, or one whose write a crash cut after its sidecar, runs again", async () => {
    const outputDir = await freshDir();
    await experiment().begin({ outputDir });
    const [first, second] = experiment().plan();
    await rm(join(outputDir, `${first?.id}.json`));
    await rm(join(outputDir, `${first?.id}.meta.json`));
    await rm(join(outputDir, `${second?.id}.json`)); // its sidecar stays, as after a crash between the writes
    const rerun = await experiment().begin({ outputDir });
    expect(rerun).toMatchObject({ total: 3, alreadyDone: 1, finished: 3, failed: [] });
    const reread = await loadDiscussionFile(join(outputDir, `${second?.id}.json`));
    expect(reread.experiment).toMatchObject({ unit_id: second?.id });
  });

  it("is part of the fingerprint: the other format into the same folder is refused, the default keeps old fingerprints", async () => {
    const outputDir = await freshDir();
    await experiment().begin({ outputDir });
    await expect(experiment({ format: "syndisco-2.0" }).begin({ outputDir })).rejects.toThrow(
      "this folder holds the output of a different experiment (it differs in: format)",
    );
    const { format: _format, ...withoutFormat } = options();
    expect(experiment({ format: "syndisco-2.0" }).identity().fingerprint).toBe(
      new DiscussionExperiment(withoutFormat).identity().fingerprint,
    );
    expect(() => experiment({ format: "syndisco-2.1" as "syndisco-2.2" })).toThrow(
      'format: format must be "syndisco-2.0" or "syndisco-2.2", not "syndisco-2.1"',
    );
  });
});

describe('AnnotationExperiment on 2.2 files, with { format: "syndisco-2.2" }', () => {
  it("plans from the sidecars' discussion ids (skipping *.meta.json), writes 2.2 annotations and resumes them", async () => {
    const discussionsDir = await freshDir();
    await experiment().begin({ outputDir: discussionsDir });
    const annotations = () =>
      new AnnotationExperiment({
        annotators: [annotator(new ScriptedModel({ replies: ["2"] }), "Judge")],
        format: "syndisco-2.2",
        seed: 1,
      });
    const plan = await annotations().plan(discussionsDir);
    const discussions = await importDiscussions(discussionsDir);
    expect(plan.map((unit) => unit.discussionId)).toEqual([...new Set(discussions.map((row) => row.conv_id))]);
    expect(plan.every((unit) => unit.discussionId.length === 36)).toBe(true); // the UUID, not the file name

    const outputDir = await freshDir();
    await annotations().begin({ discussionsDir, outputDir });
    const files = await outputFiles(outputDir);
    expect(files).toEqual(plan.flatMap((unit) => [`${unit.id}.json`, `${unit.id}.meta.json`]).sort());
    expect(Object.keys(await readJson(join(outputDir, `${plan[0]?.id}.json`)))).toEqual(["timestamp", "logs"]);
    expect(await annotations().begin({ discussionsDir, outputDir })).toMatchObject({ alreadyDone: 3, finished: 3 });
  });
});

describe('Study({ format: "syndisco-2.2" })', () => {
  it("writes every cell's discussions in 2.2's shape, the cell's levels in the sidecars", async () => {
    const outputDir = await freshDir();
    const study = new Study({
      factors: [{ name: "model", levels: ["a"] }],
      sets: [{ name: "main", replicates: 2 }],
      cellModels: () => ["a"],
      cellSetup: (_cell, model) => ({ users: participantPool(model("a") as ScriptedModel), numTurns: 2 }),
      seed: 3,
      format: "syndisco-2.2",
    });
    await study.begin({ outputDir, loadModel: async () => promptEchoModel({ name: "a" }) });
    const folder = join(outputDir, "discussions", "model=a");
    expect((await outputFiles(folder)).filter((name) => name.endsWith(".meta.json"))).toHaveLength(2);
    const rows = await importDiscussions(folder);
    expect(rows[0]).toMatchObject({ factor_model: "a", ctx_length: 3 });
    expect((await study.plan(outputDir, () => promptEchoModel({ name: "a" })))[0]).toMatchObject({ done: 2 });
  });
});
