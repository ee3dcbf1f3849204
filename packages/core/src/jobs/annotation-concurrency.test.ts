import { describe, expect, it } from "vitest";
import { participant } from "../../test/personas.js";
import { ActorType } from "../actor/actor-type.js";
import type { DiscussionFile } from "../formats/discussion-file.js";
import type { ChatMessage } from "../model/messages.js";
import { ScriptedModel, type ScriptedModelOptions } from "../testing/scripted-model.js";
import { delay } from "../util/delay.js";
import { Annotation } from "./annotation.js";
import { defaultCommentConcurrency } from "./comment-concurrency.js";

const discussion: DiscussionFile = {
  id: "conv-7",
  timestamp: "25-06-12-15-20",
  users: ["A", "B"],
  moderator: null,
  user_prompts: [],
  moderator_prompt: null,
  ctx_length: 3,
  logs: ["Hello there.", "You are wrong.", "Am not.", "Are too!", "Calm down.", "Fine.", "Bye."].map((text, index) => ({
    name: index % 2 === 0 ? "A" : "B",
    text,
    model: "m",
  })),
};

/** The annotated comment (the last of the prompt's history) in upper case: an answer that depends on the prompt. */
function shout(messages: readonly ChatMessage[]): string {
  const lines = (messages[1]?.content ?? "").split("\n");
  return (lines.at(-2) ?? "").toUpperCase();
}

/**
 * A model whose later calls answer sooner than earlier ones (so that comments annotated at once finish out of
 * order), counting how many calls run at once.
 */
function shuffledModel(options: Partial<ScriptedModelOptions> = {}) {
  const load = { running: 0, most: 0 };
  const model = new ScriptedModel({
    replies: async (messages, call) => {
      load.running += 1;
      load.most = Math.max(load.most, load.running);
      await delay(Math.max(1, 30 - call * 4));
      load.running -= 1;
      return { text: shout(messages), promptTokens: 100, evaluatedPromptTokens: 40 };
    },
    ...options,
  });
  return { model, load };
}

/** An annotation's file without what differs between any two runs (time, latency, its random id). */
function sameInEveryRun(annotation: Annotation): Record<string, unknown> {
  const { timestamp: _timestamp, id: _id, annotation_details, ...rest } = annotation.toDict();
  const details = (annotation_details as Record<string, unknown>[]).map(({ latency_ms: _latency, ...kept }) => kept);
  return { ...rest, annotation_details: details };
}

async function annotate(commentConcurrency: number | undefined, model: ScriptedModel) {
  const annotator = participant(model, "Judge", ActorType.ANNOTATOR);
  const annotation = new Annotation({
    annotator,
    conversation: discussion,
    historyCtxLen: 3,
    ...(commentConcurrency === undefined ? {} : { commentConcurrency }),
  });
  const order: number[] = [];
  for await (const item of annotation) order.push(item.index);
  return { annotation, order };
}

describe("Annotation with comments annotated at once", () => {
  it("writes what a one-at-a-time run writes, in the discussion's order, with at most commentConcurrency calls at once", async () => {
    const alone = shuffledModel();
    const atOnce = shuffledModel();
    const oneByOne = await annotate(1, alone.model);
    const concurrent = await annotate(3, atOnce.model);
    expect(alone.load.most).toBe(1);
    expect(atOnce.load.most).toBe(3);
    expect(concurrent.order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sameInEveryRun(concurrent.annotation)).toEqual(sameInEveryRun(oneByOne.annotation));
    expect(concurrent.annotation.toDict().logs.map(([, annotation]) => annotation)).toEqual([
      "HELLO THERE.",
      "YOU ARE WRONG.",
      "AM NOT.",
      "ARE TOO!",
      "CALM DOWN.",
      "FINE.",
      "BYE.",
    ]);
    // Each comment was asked with the same window of history either way.
    const prompts = (model: ScriptedModel) => model.calls.map((call) => call.messages[1]?.content).sort();
    expect(prompts(atOnce.model)).toEqual(prompts(alone.model));
  });

  it("sends as many comments at once as the annotator's model serves, by default", async () => {
    const { model, load } = shuffledModel({ concurrency: 2 });
    const { annotation } = await annotate(undefined, model);
    expect(annotation.commentConcurrency).toBe(2);
    expect(load.most).toBe(2);
    expect(defaultCommentConcurrency(new ScriptedModel({ replies: ["x"], concurrency: 1 }))).toBe(1);
    expect(defaultCommentConcurrency(new ScriptedModel({ replies: ["x"], concurrency: 8 }), 3)).toBe(2);
    expect(defaultCommentConcurrency(new ScriptedModel({ replies: ["x"], concurrency: 2 }), 4)).toBe(1);
    expect(defaultCommentConcurrency(new ScriptedModel({ replies: ["x"] }))).toBe(64);
  });

  it("reports the prompt tokens evaluated per annotated comment, and keeps them out of the file", async () => {
    const { model } = shuffledModel();
    const annotator = participant(model, "Judge", ActorType.ANNOTATOR);
    const annotation = new Annotation({ annotator, conversation: discussion, commentConcurrency: 2 });
    const evaluated = [];
    for await (const item of annotation) evaluated.push([item.promptTokens, item.evaluatedPromptTokens]);
    expect(evaluated).toEqual(Array.from({ length: 7 }, () => [100, 40]));
    expect(JSON.stringify(annotation.toDict())).not.toContain("evaluated");
  });

  it("passes one session key per annotator, the same in every annotation, so a backend keeps its prompt cached", async () => {
    const { model } = shuffledModel();
    await annotate(2, model);
    await annotate(1, model);
    expect(new Set(model.calls.map((call) => call.options.sessionKey))).toEqual(new Set(["annotator/Judge"]));
  });

  it("stops at a failed comment after recording the comments before it, and starts no later one", async () => {
    const model = new ScriptedModel({
      latencyMs: 2,
      replies: (messages) => {
        if (shout(messages) === "ARE TOO!") throw new Error("the model broke");
        return shout(messages);
      },
    });
    const annotator = participant(model, "Judge", ActorType.ANNOTATOR);
    const annotation = new Annotation({ annotator, conversation: discussion, commentConcurrency: 2 });
    const seen: number[] = [];
    const run = async () => {
      for await (const item of annotation) seen.push(item.index);
    };
    await expect(run()).rejects.toThrow("the model broke");
    expect(seen).toEqual([0, 1, 2]);
    expect(model.calls.length).toBeLessThan(discussion.logs.length);
  });

  it("refuses a commentConcurrency that is not a whole number of at least 1", () => {
    const annotator = participant(new ScriptedModel({ replies: ["1"] }), "Judge", ActorType.ANNOTATOR);
    expect(() => new Annotation({ annotator, conversation: discussion, commentConcurrency: 0 })).toThrow(
      "commentConcurrency",
    );
  });
});
