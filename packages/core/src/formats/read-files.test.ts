import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAnnotationFile } from "./annotation-file.js";
import { fileFormatOf } from "./detect-format.js";
import { type DiscussionFile, parseDiscussionFile } from "./discussion-file.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures");
const DISCUSSION_22 = join(FIXTURES, "upstream-2.2", "discussions", "25-06-12-16-02-33.json");
const ANNOTATION_22 = join(FIXTURES, "upstream-2.2", "annotations", "25-06-12-16-05-10.json");
const GUIDE_20 = join(FIXTURES, "upstream", "guide", "98f03c72-b8e6-49aa-9c92-f6383d575ab4.json");

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"));

describe("fileFormatOf", () => {
  it("tells the generations apart by their keys", async () => {
    expect(fileFormatOf(await readJson(GUIDE_20), "discussion")).toBe("syndisco-2.0");
    expect(fileFormatOf(await readJson(DISCUSSION_22), "discussion")).toBe("syndisco-2.2");
    expect(fileFormatOf(await readJson(ANNOTATION_22), "annotation")).toBe("syndisco-2.2");
    expect(fileFormatOf({ id: "x", timestamp: "t", logs: [] }, "discussion")).toBe("syndisco-2.2");
    expect(fileFormatOf([], "discussion")).toBeUndefined();
    expect(fileFormatOf({ timestamp: "t" }, "annotation")).toBeUndefined();
  });
});

describe("parseDiscussionFile on a SynDisco 2.2 file", () => {
  it("derives what 2.0's keys need: id from the file name, users, prompts and the moderator", async () => {
    const discussion = parseDiscussionFile(await readJson(DISCUSSION_22), DISCUSSION_22);
    expect(discussion).toMatchObject({
      id: "25-06-12-16-02-33",
      timestamp: "25-06-12-16-02",
      users: ["Giannis", "Zoë", "Moderator"],
      moderator: "Moderator",
      ctx_length: null,
      format: "syndisco-2.2",
    });
    expect(discussion.logs.map((entry) => [entry.name, entry.model])).toEqual([
      ["Giannis", "hardcoded"],
      ["Zoë", "llama-3.2-3b"],
      ["Moderator", "llama-3.2-3b"],
      ["Giannis", "llama-3.2-3b"],
    ]);
    // Giannis's prompt is the one he speaks with, not his seed comment's empty one.
    expect(discussion.user_prompts[0]).toEqual({
      context: "You are taking part in an online conversation",
      instructions: "Act like a human would",
      type: "user",
      persona: { age: 21, sex: "male", current_employment: "Game Developer", personality_characteristics: ["nerdy"] },
    });
    expect(discussion.user_prompts[1]).toMatchObject({ persona: { username: "Zoë", age: 38 } });
    expect(discussion.moderator_prompt).toMatchObject({ instructions: "You are a moderator. Oversee the discussion" });
  });

  it("takes the moderator the caller names, an id the file has, and a seed author's seed prompt when he never speaks", () => {
    const seedOnly = JSON.stringify({ context: "", instructions: "", type: "user", persona: { age: 50 } });
    const data = {
      id: 7,
      timestamp: "25-01-01-00-00",
      logs: [
        { name: "Seeder", text: "A seed.", model: "hardcoded", prompt: seedOnly },
        { name: "Host", text: "Hello.", model: "m" },
      ],
    };
    const discussion = parseDiscussionFile(data, "/x/any-name.json", { moderator: "Host" });
    expect(discussion).toMatchObject({ id: "7", users: ["Seeder", "Host"], moderator: "Host" });
    expect(discussion.user_prompts).toEqual([
      { context: "", instructions: "", type: "user", persona: { age: 50 } },
      null,
    ]);
    expect(discussion.moderator_prompt).toBeNull();
  });

  it("names no moderator when no prompt says so, or when several do", () => {
    const prompt = (instructions: string) => JSON.stringify({ context: "", instructions, type: "user", persona: {} });
    const logsWith = (first: string, second: string) => ({
      timestamp: "t",
      logs: [
        { name: "A", text: "a", model: "m", prompt: prompt(first) },
        { name: "B", text: "b", model: "m", prompt: prompt(second) },
      ],
    });
    expect(parseDiscussionFile(logsWith("Reply to the moderator", "Be kind"), "f.json").moderator).toBeNull();
    expect(parseDiscussionFile(logsWith("Act as the moderator", "You're a moderator"), "f.json").moderator).toBeNull();
    expect(parseDiscussionFile(logsWith("Be kind", "You are the moderator here"), "f.json").moderator).toBe("B");
  });

  it("gives a file without a path a stable id from its content", () => {
    const data = { timestamp: "t", logs: [{ name: "A", text: "a", model: "m" }] };
    const { id } = parseDiscussionFile(data);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(parseDiscussionFile(structuredClone(data)).id).toBe(id);
  });

  it("refuses an annotation file, and a file of neither generation with the keys each one misses", async () => {
    expect(() => parseDiscussionFile(null, "/d/a.json")).toThrow("/d/a.json: not a SynDisco discussion file (a JSON");
    expect(() => parseDiscussionFile([], "/d/a.json")).toThrow(
      "not a SynDisco discussion file (a JSON object is expected, found a list)",
    );
    const annotation = await readJson(ANNOTATION_22);
    expect(() => parseDiscussionFile(annotation, ANNOTATION_22)).toThrow(
      `${ANNOTATION_22}: this is a SynDisco 2.2 annotation file`,
    );
    expect(() => parseDiscussionFile({ timestamp: "t", log: [] }, "/d/b.json")).toThrow(
      "/d/b.json: not a SynDisco discussion file: it fits neither SynDisco 2.0 (missing keys: id, users, " +
        "user_prompts, ctx_length, logs) nor SynDisco 2.2 (missing key: logs)",
    );
    expect(() => parseDiscussionFile({ logs: [{ name: "A", text: 3, model: "m" }] }, "/d/c.json")).toThrow(
      "/d/c.json: logs.0.text: not a SynDisco 2.2 discussion file",
    );
    expect(() => parseDiscussionFile({ users: [], logs: [] }, "/d/e.json")).toThrow(
      "/d/e.json: id: not a SynDisco 2.0 discussion file (missing keys: id, timestamp, user_prompts, ctx_length)",
    );
  });

  it("still reads a 2.0 file as it is", async () => {
    const data = await readJson(GUIDE_20);
    const discussion = parseDiscussionFile(data, GUIDE_20);
    expect(discussion).toEqual(data);
    expect(discussion.format).toBeUndefined();
    expect(parseDiscussionFile(data, GUIDE_20, { moderator: "Emma35" }).moderator).toBe("Emma35");
  });
});

describe("parseAnnotationFile on a SynDisco 2.2 file", () => {
  it("matches it by position to the discussion with the same authors in the same order", async () => {
    const discussion = parseDiscussionFile(await readJson(DISCUSSION_22), DISCUSSION_22);
    const other = { ...discussion, id: "other", logs: discussion.logs.slice(0, 3) } satisfies DiscussionFile;
    const annotation = parseAnnotationFile(await readJson(ANNOTATION_22), ANNOTATION_22, {
      discussions: [other, discussion],
    });
    expect(annotation).toMatchObject({
      conv_id: "25-06-12-16-02-33",
      timestamp: "25-06-12-16-05",
      annotator_model: "test_model",
      annotator_prompt: {
        context: "You are a content moderator",
        type: "annotator",
        persona: { username: "Annotator1", age: 33 },
      },
      annotator: "Annotator1",
      ctx_length: null,
      format: "syndisco-2.2",
    });
    expect(annotation.logs).toEqual([
      ["Has anyone tried the new AI tools for game design?", "1"],
      ['Not yet, "work" keeps me busy. Tell me more!', "2"],
      ["Please keep it civil, everyone.", "1"],
      ["They write whole levels now.", "3"],
    ]);
    expect(annotation.annotation_details).toEqual([
      { name: "Giannis", index: 0 },
      { name: "Zoë", index: 1 },
      { name: "Moderator", index: 2 },
      { name: "Giannis", index: 3 },
    ]);
  });

  it("refuses it without discussions, with none that fits, with several, and a discussion in its place", async () => {
    const data = await readJson(ANNOTATION_22);
    const discussion = parseDiscussionFile(await readJson(DISCUSSION_22), DISCUSSION_22);
    expect(() => parseAnnotationFile(data, ANNOTATION_22)).toThrow(
      `${ANNOTATION_22}: a SynDisco 2.2 annotation file does not hold the comments it annotates. Pass the folder`,
    );
    expect(() => parseAnnotationFile(data, ANNOTATION_22, { discussions: [] })).toThrow(
      "no discussion has its 4 comments by Giannis, Zoë, Moderator, Giannis in this order",
    );
    const twin = { ...discussion, id: "twin" };
    expect(() => parseAnnotationFile(data, ANNOTATION_22, { discussions: [discussion, twin] })).toThrow(
      "2 discussions have its 4 comments by the same authors in the same order (25-06-12-16-02-33, twin)",
    );
    expect(parseAnnotationFile(data, ANNOTATION_22, { discussions: [discussion, twin], convId: "twin" }).conv_id).toBe(
      "twin",
    );
    const discussionData = await readJson(DISCUSSION_22);
    expect(() => parseAnnotationFile(discussionData, DISCUSSION_22, { discussions: [] })).toThrow(
      `${DISCUSSION_22}: this is a SynDisco 2.2 discussion file`,
    );
    expect(() => parseAnnotationFile({ conv_id: "x" }, "/a/b.json")).toThrow(
      "/a/b.json: timestamp: not a SynDisco 2.0 annotation file (missing keys: timestamp, annotator_model, annotator_prompt, ctx_length, logs)",
    );
    expect(() => parseAnnotationFile({ timestamp: "t" }, "/a/b.json")).toThrow(
      "/a/b.json: not a SynDisco annotation file: it fits neither SynDisco 2.0 (missing keys: conv_id, " +
        "annotator_model, annotator_prompt, ctx_length, logs) nor SynDisco 2.2 (missing key: logs)",
    );
  });
});
