import type { ChatMessage, PromptOptions } from "@syndisco/core";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { getLlama, type Llama, LlamaLogLevel, type LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscussion, type DiscussionPlan } from "../test/discussions.js";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

const PLANS: DiscussionPlan[] = [
  { users: ["Emma35", "Giannis", "Lily"], seedOpinion: "Once upon a time there was a big park." },
  { users: ["Tom", "Sara", "Ben"], seedOpinion: "The dog liked to play with the red ball." },
  { users: ["Mia", "Leo", "Zoe"], seedOpinion: "We should plant more trees in the town." },
  { users: ["Max", "Ava", "Sam"], seedOpinion: "The cake in the shop was too sweet." },
];

const OPTIONS = { maxOutTokens: 40, chatTemplate: "plain" } as const;

/**
 * Leading tokens that a reply decoded beside other sequences must share with the reply its prompt gets
 * alone. A near tie that batching tips the other way can change a greedy reply, but only where the tie is,
 * usually well into the reply; a call served from the wrong sequence or a mixed-up cache changes it at once.
 */
// Eight tokens held in most runs, but since batches gather more sequences CI runs saw stories260K replies part
// from their alone replies at the second and third token. The first token must still agree: a call served from
// a wrong cache differs at once. (Whether batch gathering makes greedy replies part this early is open.)
const AGREEING_TOKENS = 1;

/** One model call of a run: what was asked, and the reply. */
interface Call {
  messages: ChatMessage[];
  options: PromptOptions;
  text: string;
}

/**
 * Records every call of `model` that succeeds, and counts those started, until `stop()` (after which the
 * model is called directly again).
 */
function recordCalls(model: LlamaCppModel): { calls: Call[]; started: () => number; stop: () => void } {
  const calls: Call[] = [];
  let started = 0;
  const prompt = model.prompt;
  model.prompt = async (messages, callOptions = {}) => {
    started += 1;
    const reply = await prompt.call(model, messages, callOptions);
    const { signal: _signal, ...options } = callOptions;
    calls.push({ messages: [...messages], options, text: reply.text });
    return reply;
  };
  return { calls, started: () => started, stop: () => Reflect.deleteProperty(model, "prompt") };
}

describe.skipIf(!haveTestModels())("concurrent discussions through one model", () => {
  let llama: Llama;
  let tokenizer: LlamaModel;
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
    tokenizer = await llama.loadModel({ modelPath: modelPath("stories260K.gguf") });
  });
  afterAll(() => llama.dispose());

  /** How many leading tokens two replies share. */
  const sharedTokens = (a: string, b: string) => {
    const [first, second] = [tokenizer.tokenize(a, false), tokenizer.tokenize(b, false)];
    let shared = 0;
    while (shared < Math.min(first.length, second.length) && first[shared] === second[shared]) shared++;
    return { shared, length: Math.min(first.length, second.length) };
  };

  // Four discussions run at once on parallel: 4; each reply is compared with the one its prompt gets alone
  // on a one-sequence model. Then the same parallel: 4 model, its sequences full of the discussions' caches,
  // answers every prompt again one at a time: with no other sequence in its batches, nothing but a pool or
  // cache bug could make a reply differ from the alone one.
  it("give with parallel: 4 the greedy replies that each prompt gets alone", async () => {
    const sharedModel = await loadTestModel("stories260K.gguf", { ...OPTIONS, parallel: 4 });
    const aloneModel = await loadTestModel("stories260K.gguf", { ...OPTIONS, parallel: 1 });
    try {
      const { calls, started, stop } = recordCalls(sharedModel);
      let mostActive = 0;
      const watch = setInterval(() => {
        mostActive = Math.max(mostActive, sharedModel.activeCalls);
      }, 1);
      try {
        const discussions = PLANS.map((plan, index) => createDiscussion(sharedModel, plan, `discussion-${index}`));
        await Promise.all(discussions.map((discussion) => discussion.begin({ verbose: false })));
      } finally {
        clearInterval(watch);
        stop();
      }
      // The four discussions really overlapped on the model's sequences, and every turn was a call that
      // succeeded (a sequence given a second call while serving one rejects it).
      expect(mostActive).toBeGreaterThan(1);
      // Each discussion has 3 participant turns, each followed by the moderator's unless it was empty.
      expect(calls.length).toBeGreaterThanOrEqual(PLANS.length * 4);
      expect(calls.length).toBe(started());

      const concurrentTexts = calls.map((call) => call.text);
      const aloneTexts: string[] = [];
      const oneAtATimeTexts: string[] = [];
      for (const call of calls) {
        aloneTexts.push((await aloneModel.prompt(call.messages, call.options)).text);
        oneAtATimeTexts.push((await sharedModel.prompt(call.messages, call.options)).text);
      }
      expect(oneAtATimeTexts).toEqual(aloneTexts);

      const diverged = calls.flatMap((_, index) => {
        const [concurrent, alone] = [concurrentTexts[index] ?? "", aloneTexts[index] ?? ""];
        if (concurrent === alone) return [];
        const { shared, length } = sharedTokens(concurrent, alone);
        return [{ index, shared, length, concurrent, alone }];
      });
      for (const reply of diverged) {
        expect(
          reply.shared,
          `reply ${reply.index}: ${reply.concurrent} | alone: ${reply.alone}`,
        ).toBeGreaterThanOrEqual(Math.min(AGREEING_TOKENS, reply.length));
      }
    } finally {
      await sharedModel.dispose();
      await aloneModel.dispose();
    }
    // About 70 greedy replies, each three times; on a shared 2-core machine under load that takes minutes.
  }, 1_800_000);
});
