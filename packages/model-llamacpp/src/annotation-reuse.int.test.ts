import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  Actor,
  ActorType,
  Annotation,
  AnnotationExperiment,
  type AnswerForm,
  type DiscussionFile,
  Persona,
} from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscussion } from "../test/discussions.js";
import { loadTestModel } from "../test/load-test-model.js";
import { temporaryFolder } from "../test/temporary-folder.js";
import type { LlamaCppModel } from "./llamacpp-model.js";
import type { LlamaCppModelOptions } from "./options.js";

const OPTIONS = { chatTemplate: "plain", maxOutTokens: 24 } as const;

const INSTRUCTIONS: Record<string, string> = {
  Judge: "Rate how toxic the last comment is, from 1 (not at all) to 5 (very). Answer with the number.",
  Critic: "Say whether the last comment gives a reason for what it claims. Answer yes or no.",
};

function annotator(model: LlamaCppModel, username: "Judge" | "Critic", answerForm?: AnswerForm): Actor {
  return new Actor({
    model,
    persona: new Persona({ username, age: 33, sex: "female", personality_characteristics: ["careful", "fair"] }),
    context: "You are a content moderator in an online forum for parents and children",
    instructions: INSTRUCTIONS[username] as string,
    actorType: ActorType.ANNOTATOR,
    ...(answerForm ? { answerForm } : {}),
  });
}

/** An annotation's file without what differs between any two runs (time, latency, its random id). */
function sameInEveryRun(annotation: Annotation): Record<string, unknown> {
  const { timestamp: _timestamp, id: _id, annotation_details, ...rest } = annotation.toDict();
  const details = (annotation_details as Record<string, unknown>[]).map(({ latency_ms: _latency, ...kept }) => kept);
  return { ...rest, annotation_details: details };
}

/** Every annotated comment's prompt tokens and evaluated prompt tokens, in order. */
async function annotate(annotation: Annotation) {
  const counts: { prompt: number; evaluated: number }[] = [];
  for await (const item of annotation) {
    counts.push({ prompt: item.promptTokens ?? 0, evaluated: item.evaluatedPromptTokens ?? Number.NaN });
  }
  return counts;
}

describe.skipIf(!haveTestModels())("annotation on llama.cpp reuses the annotator's cached prompt", () => {
  const discussions: DiscussionFile[] = [];
  beforeAll(async () => {
    const model = await loadTestModel("stories260K.gguf", OPTIONS);
    try {
      for (const [index, users] of [
        ["Anna", "Ben"],
        ["Cleo", "Dan"],
      ].entries()) {
        const discussion = createDiscussion(model, { users, seedOpinion: "The park is a nice place." }, `d${index}`);
        await discussion.begin({ verbose: false });
        discussions.push(discussion.toDict());
      }
    } finally {
      await model.dispose();
    }
  });

  const models: LlamaCppModel[] = [];
  const load = async (parallel: number, extra: Partial<LlamaCppModelOptions> = {}) => {
    const model = await loadTestModel("stories260K.gguf", { ...OPTIONS, parallel, ...extra });
    models.push(model);
    return model;
  };
  afterAll(async () => {
    await Promise.all(models.map((model) => model.dispose()));
  });

  it("evaluates only what follows the system prompt for every comment after the first", async () => {
    const model = await load(1);
    const [discussion] = discussions as [DiscussionFile];
    expect(discussion.logs.length).toBeGreaterThanOrEqual(6);
    const counts = await annotate(new Annotation({ annotator: annotator(model, "Judge"), conversation: discussion }));
    // The first prompt is evaluated whole (its last token always is, to get the first reply token).
    expect(counts[0]?.evaluated).toBeGreaterThanOrEqual((counts[0]?.prompt ?? 0) - 1);
    // Every later prompt finds at least the system prompt in the cache: more than half of the first prompt,
    // which holds only the system prompt, the seed comment and the cue.
    for (const { prompt, evaluated } of counts.slice(1)) {
      expect(prompt - evaluated).toBeGreaterThan((counts[0]?.prompt ?? 0) / 2);
    }
  });

  it("gives a later annotation by the same annotator the sequence that holds its system prompt", async () => {
    const model = await load(2);
    const judge = annotator(model, "Judge");
    const [first, second] = discussions as [DiscussionFile, DiscussionFile];
    await annotate(new Annotation({ annotator: judge, conversation: first, commentConcurrency: 1 }));
    const [opening] = await annotate(new Annotation({ annotator: judge, conversation: second, commentConcurrency: 1 }));
    // A never-used sequence would have had to evaluate the whole prompt.
    expect(opening?.evaluated).toBeLessThan((opening?.prompt ?? 0) - 30);
  });

  it("keeps each annotator on its own sequences when annotations run at once", async () => {
    const perTurn = async (parallel: number) => {
      const model = await load(parallel);
      const folder = temporaryFolder("annotation-reuse");
      const discussionsDir = temporaryFolder("annotation-reuse-discussions");
      try {
        // One discussion, so that the two annotations running at once are the two annotators'.
        const [discussion] = discussions as [DiscussionFile];
        await writeFile(join(discussionsDir.path, `${discussion.id}.json`), JSON.stringify(discussion));
        const experiment = new AnnotationExperiment({
          annotators: [annotator(model, "Judge"), annotator(model, "Critic")],
          concurrency: 2,
          seed: 1,
        });
        const summary = await experiment.begin({
          discussionsDir: discussionsDir.path,
          outputDir: folder.path,
          handleSignals: false,
        });
        expect(summary.finished).toBe(2);
        return summary.promptEvaluation?.evaluatedPerTurn ?? Number.NaN;
      } finally {
        folder.remove();
        discussionsDir.remove();
      }
    };
    // One sequence: the two annotators take turns on it and each call evaluates the other's system prompt away.
    const shared = await perTurn(1);
    const ownSequences = await perTurn(2);
    expect(ownSequences).toBeLessThan(shared * 0.75);
  });

  // llama.cpp's CPU flash-attention kernel rounds a query differently when a batch holds other sequences'
  // queries: with it on ("auto", the default), 2 of 72 free-text annotations of the benchmark's discussions
  // came out differently 4 at once than one at a time (a near tie decided the other way), and 0 of 72 with it
  // off. Free text is compared with it off; a scale answer, whose grammar leaves only the digit to choose,
  // with the default.
  it.each([
    ["free text, flash attention off", undefined, { flashAttention: false }],
    ["a scale, default settings", { type: "scale", min: 1, max: 5 } as AnswerForm, {}],
  ] as const)(
    "writes the same file with comments annotated at once as one at a time (%s)",
    async (_name, form, extra) => {
      const model = await load(4, extra);
      const [discussion] = discussions as [DiscussionFile];
      const run = async (commentConcurrency?: number) => {
        const annotation = new Annotation({
          annotator: annotator(model, "Judge", form),
          conversation: discussion,
          ...(commentConcurrency === undefined ? {} : { commentConcurrency }),
        });
        await annotation.begin({ verbose: false });
        return annotation;
      };
      const oneAtATime = await run(1);
      // The default follows the model's parallel: 4 comments at once.
      const atOnce = await run();
      expect(atOnce.commentConcurrency).toBe(4);
      expect(sameInEveryRun(atOnce)).toEqual(sameInEveryRun(oneAtATime));
    },
  );
});
