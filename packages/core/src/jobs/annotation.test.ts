import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { participant } from "../../test/personas.js";
import { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import { Persona } from "../persona.js";
import { ScriptedModel } from "../testing/scripted-model.js";
import { Annotation } from "./annotation.js";

const discussion: DiscussionFile = {
  id: "conv-1",
  timestamp: "25-06-12-15-20",
  users: ["A", "B", "Mod"],
  moderator: "Mod",
  user_prompts: [],
  moderator_prompt: null,
  ctx_length: 3,
  logs: [
    { name: "A", text: "You are wrong.", model: "m" },
    { name: "Mod", text: "Be kind.", model: "m" },
    { name: "B", text: "Fair enough.", model: "m" },
  ],
};

describe("Annotation", () => {
  it("labels each comment, seeing it with the comments before it", async () => {
    const model = new ScriptedModel({ replies: ["4", "1", "2"] });
    const annotator = participant(model, "Judge", ActorType.ANNOTATOR);
    const annotation = new Annotation({ annotator, conversation: discussion, historyCtxLen: 2 });
    await annotation.begin({ verbose: false });
    const file = annotation.toDict();
    expect(file.logs).toEqual([
      ["You are wrong.", "4"],
      ["Be kind.", "1"],
      ["Fair enough.", "2"],
    ]);
    expect(model.calls[2]?.messages[1]?.content).toBe(
      "Conversation so far:\n\nUser Mod posted:\nBe kind.\nUser B posted:\nFair enough.\nOutput:",
    );
    expect(file).toMatchObject({ conv_id: "conv-1", annotator_model: "scripted", ctx_length: 2 });
    expect(file.annotator_prompt).toMatchObject({ type: "2", persona: { username: "Judge" } });
  });

  it("leaves the moderator's comments out when told so", async () => {
    const model = new ScriptedModel({ replies: ["5"] });
    const annotator = participant(model, "Judge", ActorType.ANNOTATOR);
    const annotation = new Annotation({ annotator, conversation: discussion, includeModeratorComments: false });
    await annotation.begin({ verbose: false });
    expect(annotation.toDict().logs.map(([comment]) => comment)).toEqual(["You are wrong.", "Fair enough."]);
    expect(model.calls[1]?.messages[1]?.content).not.toContain("Be kind.");
  });

  it("reads the discussion from a file and writes its own", async () => {
    const folder = await mkdtemp(join(tmpdir(), "annotation-"));
    await writeFile(join(folder, "d.json"), JSON.stringify(discussion));
    const annotator = participant(new ScriptedModel({ replies: ["3"] }), "Judge", ActorType.ANNOTATOR);
    const annotation = new Annotation({ annotator, conversation: join(folder, "d.json") });
    await annotation.begin({ verbose: false });
    await annotation.toJsonFile(join(folder, "a.json"));
    const written = JSON.parse(await readFile(join(folder, "a.json"), "utf8"));
    expect(Object.keys(written).slice(0, 6)).toEqual([
      "conv_id",
      "timestamp",
      "annotator_model",
      "annotator_prompt",
      "ctx_length",
      "logs",
    ]);
    expect(written.timestamp).toMatch(/^\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/);
  });

  it("names a file that is not a discussion", async () => {
    const folder = await mkdtemp(join(tmpdir(), "annotation-"));
    await writeFile(join(folder, "other.json"), JSON.stringify({ hello: "world" }));
    const annotator = participant(new ScriptedModel({ replies: ["3"] }), "Judge", ActorType.ANNOTATOR);
    const annotation = new Annotation({ annotator, conversation: join(folder, "other.json") });
    await expect(annotation.begin({ verbose: false })).rejects.toThrow(
      `${join(folder, "other.json")}: not a SynDisco discussion file: it fits neither SynDisco 2.0 (missing keys: id,`,
    );
  });

  it("parses answers in the annotator's form, retries invalid ones, and records what stays invalid", async () => {
    // Each comment's answers in turn, whichever order the comments are asked in.
    const answers = new Map([
      ["You are wrong.", ["4"]],
      ["Be kind.", ["banana", "still no", "5"]],
      ["Fair enough.", ["way off", "nope", "never"]],
    ]);
    const model = new ScriptedModel({
      replies: (messages) => {
        // The annotated comment is the last one in the prompt.
        const content = messages[1]?.content ?? "";
        const at = (text: string) => content.lastIndexOf(`${text}\n`);
        const comment = [...answers.keys()].reduce((last, text) => (at(text) > at(last) ? text : last));
        const replies = answers.get(comment) ?? [];
        answers.set(comment, replies.slice(1));
        return replies[0] ?? "";
      },
    });
    const annotator = new Actor({
      model,
      persona: new Persona({ username: "Judge" }),
      context: "",
      instructions: "Rate toxicity.",
      actorType: ActorType.ANNOTATOR,
      answerForm: { type: "scale", min: 1, max: 5 },
    });
    const annotation = new Annotation({ annotator, conversation: discussion, answerRetries: 2 });
    const seen = [];
    for await (const item of annotation) seen.push([item.value, item.valid]);
    expect(seen).toEqual([
      [4, true],
      [5, true],
      [null, false],
    ]);
    const details = annotation.toDict().annotation_details as Record<string, unknown>[];
    expect(details[1]).toMatchObject({ value: 5, valid: true, attempts: ["banana", "still no", "5"] });
    expect(details[2]).toMatchObject({ value: null, valid: false, error: "no number in the answer" });
    expect(annotation.toDict().logs[2]).toEqual(["Fair enough.", "never"]);
    expect(model.calls[0]?.messages[1]?.content).toContain("Answer with a single whole number from 1 to 5.\nOutput:");
    const retried = model.calls.filter((call) => call.messages[1]?.content.includes('Your previous answer "banana"'));
    expect(retried).toHaveLength(1);
    expect(model.calls[0]?.options.responseSchema).toMatchObject({ required: ["answer"] });
  });

  it("stores a constrained answer in logs as its bare value, as SynDisco does, and keeps the reply in the details", async () => {
    // What a backend held to the answer form's JSON schema replies.
    const replies = ['{ "answer": 4 }', '{"answer": "toxic"}', '{ "answer": 2, "target": "person" }'];
    const forms = [
      { type: "scale", min: 1, max: 5 },
      { type: "label", labels: ["toxic", "fine"] },
      { type: "json", fields: { answer: "integer", target: ["person", "group"] } },
    ] as const;
    const stored = [];
    for (const [index, answerForm] of forms.entries()) {
      const annotator = new Actor({
        model: new ScriptedModel({ replies: [replies[index] as string] }),
        persona: new Persona({ username: "Judge" }),
        context: "",
        instructions: "Rate it.",
        actorType: ActorType.ANNOTATOR,
        answerForm,
      });
      const annotation = new Annotation({ annotator, conversation: discussion, includeModeratorComments: false });
      await annotation.begin({ verbose: false });
      const file = annotation.toDict();
      stored.push(file.logs[0]?.[1]);
      const detail = (file.annotation_details as Record<string, unknown>[])[0];
      expect(detail?.raw_text).toBe(index < 2 ? replies[index] : undefined);
    }
    // A JSON answer has no bare value: it stays the object's text.
    expect(stored).toEqual(["4", "toxic", replies[2]]);
    expect(Number.parseInt(stored[0] as string, 10)).toBe(4);
  });

  it("refuses a participant as annotator", () => {
    const user = participant(new ScriptedModel({ replies: ["3"] }), "A");
    expect(() => new Annotation({ annotator: user, conversation: discussion })).toThrow(
      'annotator: "A" is not an annotator',
    );
  });
});
