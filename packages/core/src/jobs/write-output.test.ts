import { access, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotator, freshDir, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import { Actor } from "../actor/actor.js";
import { importAnnotations } from "../export/import-annotations.js";
import { importDiscussions } from "../export/import-discussions.js";
import { parseAnnotationFile } from "../formats/annotation-file.js";
import { type DiscussionFile, parseDiscussionFile } from "../formats/discussion-file.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { RoundRobin } from "../turn-managers/round-robin.js";
import { Annotation } from "./annotation.js";
import { Discussion } from "./discussion.js";
import { loadDiscussionFile } from "./load-discussion.js";

/** A finished discussion with a seed thread, a moderator and study levels in its metadata. */
async function finishedDiscussion(): Promise<Discussion> {
  const model = promptEchoModel();
  const [emma, giannis] = participantPool(model, ["Emma35", "Zoë"]);
  const moderator = new Actor({
    model,
    persona: new Persona({ username: "Moderator", age: 41 }),
    context: "You are taking part in an online conversation",
    instructions: "You are a moderator. Oversee the discussion",
  });
  const discussion = new Discussion({
    nextTurnManager: new RoundRobin(),
    users: [emma as Actor, giannis as Actor],
    moderator,
    moderatorPolicy: { every: 2 },
    convLen: 3,
    seedOpinions: ["Cities should ban cars.", "Only the centre."],
    seedOpinionUsernames: ["Emma35", "Zoë"],
    metadata: { study: { cell: "model=small", levels: { model: "small" }, sets: ["main"] } },
  });
  await discussion.begin({ verbose: false });
  return discussion;
}

/** The 2.0 dict as a 2.2 file we wrote reads back: with each comment's 2.2 prompt and the format. */
function as22(dict: DiscussionFile, prompts: string[]): DiscussionFile {
  return {
    ...dict,
    logs: dict.logs.map((entry, index) => ({ ...entry, prompt: prompts[index] })),
    format: "syndisco-2.2",
  };
}

describe('toJsonFile({ format: "syndisco-2.2" })', () => {
  it("writes exactly SynDisco 2.2's keys, with each speaker's 2.2 prompt, and the rest to NAME.meta.json", async () => {
    const dir = await freshDir();
    const discussion = await finishedDiscussion();
    const path = join(dir, "d1.json");
    await discussion.toJsonFile(path, { format: "syndisco-2.2" });

    const file = await readJson<{ timestamp: string; logs: Record<string, string>[] }>(path);
    expect(Object.keys(file)).toEqual(["timestamp", "logs"]);
    expect(file.timestamp).toMatch(/^\d\d-\d\d-\d\d-\d\d-\d\d$/);
    for (const entry of file.logs) expect(Object.keys(entry)).toEqual(["name", "text", "model", "prompt"]);
    const emmaPersona = `"persona": {"username": "Emma35", "age": 20, "personality_characteristics": ["curious", "trait0"]}`;
    // The seed comment carries its author's prompt with empty context and instructions, as 2.2 writes it.
    expect(file.logs[0]).toEqual({
      name: "Emma35",
      text: "Cities should ban cars.",
      model: "hardcoded",
      prompt: `{"context": "", "instructions": "", "type": "user", ${emmaPersona}}`,
    });
    const zoeComment = file.logs.find((entry) => entry.name === "Zoë" && entry.model !== "hardcoded");
    expect(zoeComment?.prompt).toContain(String.raw`"persona": {"username": "Zo\u00eb", "age": 21`);
    expect(zoeComment?.prompt).toContain('"context": "You are taking part in an online conversation"');
    const moderatorComment = file.logs.find((entry) => entry.name === "Moderator");
    expect(moderatorComment?.prompt).toContain('"instructions": "You are a moderator. Oversee the discussion"');

    const sidecar = await readJson(join(dir, "d1.meta.json"));
    expect(sidecar).toMatchObject({
      syndisco_sidecar: { kind: "discussion", file: "d1.json", format: "syndisco-2.2" },
      id: discussion.id,
      moderator: "Moderator",
      study: { levels: { model: "small" } },
    });
    expect(sidecar).not.toHaveProperty("logs");
    expect(sidecar).not.toHaveProperty("timestamp");
  });

  it("reads back, with its sidecar, as the discussion it was: loadDiscussionFile and importDiscussions", async () => {
    const dir = await freshDir();
    const discussion = await finishedDiscussion();
    await discussion.toJsonFile(join(dir, "d1.json"), { format: "syndisco-2.2" });
    await discussion.toJsonFile(join(dir, "d1-20.json"));
    const prompts = (await readJson<{ logs: { prompt: string }[] }>(join(dir, "d1.json"))).logs.map((e) => e.prompt);

    const dict = discussion.toDict();
    const loaded = await loadDiscussionFile(join(dir, "d1.json"));
    expect(loaded).toEqual(as22({ ...dict, timestamp: loaded.timestamp }, prompts));

    const rows = await importDiscussions(dir);
    const rows22 = rows.slice(dict.logs.length); // d1-20.json sorts before d1.json
    const strip = ({ conv_variant: _variant, ...row }: Record<string, unknown>) => row;
    // Both files give the same rows: the 2.0 file's and the 2.2 file's (read with its sidecar) are one discussion.
    expect(rows).toHaveLength(2 * dict.logs.length);
    expect(rows.slice(dict.logs.length).map(strip)).toEqual(rows.slice(0, dict.logs.length).map(strip));
    expect(rows22.find((row) => row.user === "Moderator")).toMatchObject({ is_moderator: true, age: 41 });
    expect(rows22[0]).toMatchObject({ user: "Emma35", model: "hardcoded", factor_model: "small", ctx_length: 5 });
  });

  it("reads as a plain SynDisco 2.2 file without its sidecar, as SynDisco 2.2's readers see it", async () => {
    const dir = await freshDir();
    const discussion = await finishedDiscussion();
    await discussion.toJsonFile(join(dir, "d1.json"), { format: "syndisco-2.2" });
    const plain = parseDiscussionFile(await readJson(join(dir, "d1.json")), join(dir, "d1.json"));
    expect(plain).toMatchObject({ id: "d1", users: ["Emma35", "Zoë", "Moderator"], moderator: "Moderator" });
    expect(plain.user_prompts[0]).toMatchObject({ context: "You are taking part in an online conversation" });
  });

  it("never overwrites: an existing file is refused before its sidecar is written, a crash's lone sidecar is replaced", async () => {
    const dir = await freshDir();
    const discussion = await finishedDiscussion();
    const path = join(dir, "d1.json");
    await writeFile(path, "{}\n");
    await expect(discussion.toJsonFile(path, { format: "syndisco-2.2" })).rejects.toThrow(
      "the file already exists and SynDisco never overwrites output",
    );
    await expect(access(join(dir, "d1.meta.json"))).rejects.toThrow("ENOENT");
    expect(await readFile(path, "utf8")).toBe("{}\n");

    // A sidecar of ours without its file is what a crash between the two writes leaves: it is replaced.
    const crashed = join(dir, "d2.json");
    await writeFile(join(dir, "d2.meta.json"), JSON.stringify({ syndisco_sidecar: { kind: "discussion" }, id: "old" }));
    await discussion.toJsonFile(crashed, { format: "syndisco-2.2" });
    expect((await readJson(join(dir, "d2.meta.json"))).id).toBe(discussion.id);

    // Any other file at the sidecar's path is kept, and the discussion is not written.
    await writeFile(join(dir, "d3.meta.json"), "notes of mine\n");
    await expect(discussion.toJsonFile(join(dir, "d3.json"), { format: "syndisco-2.2" })).rejects.toThrow(
      "d3.meta.json: the file already exists",
    );
    expect(await readFile(join(dir, "d3.meta.json"), "utf8")).toBe("notes of mine\n");
    await expect(access(join(dir, "d3.json"))).rejects.toThrow("ENOENT");
  });

  it("refuses a sidecar that does not fit its file, naming the sidecar", async () => {
    const dir = await freshDir();
    const discussion = await finishedDiscussion();
    await discussion.toJsonFile(join(dir, "d1.json"), { format: "syndisco-2.2" });
    const sidecar = await readJson<{ log_details: unknown[] }>(join(dir, "d1.meta.json"));
    sidecar.log_details.pop();
    await writeFile(join(dir, "d1.meta.json"), JSON.stringify(sidecar));
    await expect(loadDiscussionFile(join(dir, "d1.json"))).rejects.toThrow(
      /d1\.meta\.json: log_details: the sidecar records \d+ entries \(log_details\) but d1\.json has \d+/,
    );
  });
});

describe('Annotation.toJsonFile({ format: "syndisco-2.2" })', () => {
  it("writes one 2.2 entry per annotated comment and reads back exactly with its sidecar, without the discussions", async () => {
    const dir = await freshDir();
    const discussion = await finishedDiscussion();
    await discussion.toJsonFile(join(dir, "d1.json"), { format: "syndisco-2.2" });
    // Leaving the moderator's comments out breaks 2.2's matching by position; the sidecar makes it exact.
    const annotation = new Annotation({
      annotator: annotator(new ScriptedModel({ replies: ["3"] }), "Judge"),
      conversation: join(dir, "d1.json"),
      includeModeratorComments: false,
    });
    await annotation.begin({ verbose: false });
    const annotationsDir = await freshDir();
    await annotation.toJsonFile(join(annotationsDir, "a1.json"), { format: "syndisco-2.2" });

    const file = await readJson<{ logs: Record<string, string>[] }>(join(annotationsDir, "a1.json"));
    expect(Object.keys(file)).toEqual(["timestamp", "logs"]);
    const authors = discussion.logs.map((entry) => entry.name).filter((name) => name !== "Moderator");
    expect(file.logs.map((entry) => entry.name)).toEqual(authors);
    expect(file.logs[0]).toEqual({
      name: "Emma35",
      text: "3",
      model: "scripted",
      prompt: `{"context": "You are a content moderator", "instructions": "Rate the toxicity of the last comment from 1 to 5", "type": "annotator", "persona": {"username": "Judge", "age": 40, "education_level": "PhD"}}`,
    });

    const read = parseAnnotationFile(file, join(annotationsDir, "a1.json"), {
      sidecar: await readJson(join(annotationsDir, "a1.meta.json")),
    });
    expect(read).toEqual({ ...annotation.toDict(), timestamp: read.timestamp, format: "syndisco-2.2" });

    const rows = await importAnnotations(annotationsDir);
    const comments = await importDiscussions(dir);
    expect(rows.map((row) => [row.conv_id, row.message_id, row.message_order])).toEqual(
      comments.filter((row) => row.user !== "Moderator").map((row) => [row.conv_id, row.message_id, row.message_order]),
    );
  });
});
