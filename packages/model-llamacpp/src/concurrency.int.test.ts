import type { ChatMessage, PromptOptions } from "@syndisco/core";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { getLlama, type Llama, type LlamaContextSequence, LlamaLogLevel, type LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Departure, findDeparture } from "../test/departure.js";
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

/** Openings of different lengths, each answered with one of {@link RACE_LENGTHS} tokens at most. */
const RACE_PROMPTS = [
  "Once upon a time there was a little girl named Lily.",
  "The dog ran to the park.",
  "Tom and Sara wanted to build a big castle out of sand by the sea, but the waves kept coming.",
  "Mia found a shiny red ball under the bed.",
  "One day, a bird sat on the window and sang a happy song for the old man who lived in the house.",
  "Ben was sad.",
  "The cat and the dog were friends who liked to play in the garden every morning after breakfast.",
  "Zoe had a new toy.",
  "Max saw a big truck on the road and asked his mom if he could drive it one day when he was older.",
  "Lily and her mom baked a cake.",
  "The sun was hot, so the children went to swim in the lake near the little blue house on the hill.",
  "Sam lost his hat.",
];
const RACE_LENGTHS = [40, 9, 31, 17, 40, 5, 23, 36];

/**
 * How close (as the log of their ratio) the probabilities of two next tokens must be for batched arithmetic to
 * explain a greedy reply that takes the second. Decoding a token beside other sequences changes its logits in
 * their last digits: on stories260K, decoding four prompts together instead of one by one moved the log
 * probabilities of the likeliest tokens by at most 0.008. So a reply decoded beside others may part from the
 * reply its prompt gets alone only where the two likeliest tokens are that close. A call served from a wrong
 * sequence, a cache holding another prompt or another sequence's logits parts at whatever token comes, mostly one the model is surer of:
 * replies to other prompts parted from these replies within this margin in 4 of 48 cases.
 */
const NEAR_TIE = 0.05;

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
  let model: LlamaModel;
  let probe: LlamaContextSequence;
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
    model = await llama.loadModel({ modelPath: modelPath("stories260K.gguf") });
    // A context of its own that reads the model's next-token probabilities along a reply (one thread: it only
    // measures, and one thread is the fastest on the 2-core machines this runs on).
    probe = (await model.createContext({ contextSize: 2048, sequences: 1, threads: 1 })).getSequence();
  });
  afterAll(() => llama.dispose());

  /** Where a reply decoded beside others parts from the reply its prompt got alone. */
  const departure = (sharedModel: LlamaCppModel, call: Call, alone: string): Promise<Departure | undefined> => {
    const bos = model.tokens.bos;
    const promptTokens = [
      ...(bos == null ? [] : [bos]),
      ...model.tokenize(sharedModel.renderPrompt(call.messages), false),
    ];
    return findDeparture(model, probe, {
      promptTokens,
      reference: alone,
      other: call.text,
      stop: [...(call.options.stop ?? [])],
      maxTokens: OPTIONS.maxOutTokens,
    });
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

      const aloneTexts: string[] = [];
      const oneAtATimeTexts: string[] = [];
      for (const call of calls) {
        aloneTexts.push((await aloneModel.prompt(call.messages, call.options)).text);
        oneAtATimeTexts.push((await sharedModel.prompt(call.messages, call.options)).text);
      }
      expect(oneAtATimeTexts).toEqual(aloneTexts);

      // Where a reply decoded beside others differs from the alone one, it parts from it at a near tie of the
      // two likeliest tokens (the probabilities are read along the alone reply on a sequence of the test's own).
      for (const [index, call] of calls.entries()) {
        const alone = aloneTexts[index] ?? "";
        if (call.text === alone) continue;
        const parted = await departure(sharedModel, call, alone);
        const where = `reply ${index} parts from the alone reply at token ${parted?.step} after "${parted?.shared}" (p top ${parted?.top}, alone ${parted?.reference}, beside others ${parted?.other}):\n  ${call.text}\n  alone: ${alone}`;
        expect(parted, where).toBeDefined();
        expect(Math.log((parted?.top ?? 1) / (parted?.reference ?? 0)), where).toBeLessThanOrEqual(NEAR_TIE);
        expect(Math.log((parted?.top ?? 1) / (parted?.other ?? 0)), where).toBeLessThanOrEqual(NEAR_TIE);
      }
    } finally {
      await sharedModel.dispose();
      await aloneModel.dispose();
    }
    // About 70 greedy replies, each three times; on a shared 2-core machine under load that takes minutes.
  }, 1_800_000);

  // Calls of different lengths, four at a time, so that prompts are evaluated in the batches where other
  // sequences sample their next tokens. llama.cpp then reorders the batch's rows of logits on their first
  // read, and four samplers reading at once on node-llama-cpp's worker threads used to swap the rows back
  // and forth and take another sequence's logits: in most runs of this test some reply turned to nonsense.
  it("samples every sequence of a batch from its own logits", async () => {
    const sharedModel = await loadTestModel("stories260K.gguf", { ...OPTIONS, parallel: 4 });
    const aloneModel = await loadTestModel("stories260K.gguf", { ...OPTIONS, parallel: 1 });
    try {
      const calls: Call[] = RACE_PROMPTS.map((text, index) => ({
        messages: [{ role: "user", content: text }],
        options: { maxOutTokens: RACE_LENGTHS[index % RACE_LENGTHS.length] },
        text: "",
      }));
      for (const call of calls) call.text = (await aloneModel.prompt(call.messages, call.options)).text;
      for (let round = 0; round < 3; round++) {
        const queue = [...calls.keys(), ...calls.keys()];
        const replies: { index: number; text: string }[] = [];
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
              const call = calls[index] as Call;
              replies.push({ index, text: (await sharedModel.prompt(call.messages, call.options)).text });
            }
          }),
        );
        expect(replies).toHaveLength(calls.length * 2);
        for (const reply of replies) {
          const call = calls[reply.index] as Call;
          if (reply.text === call.text) continue;
          const parted = await departure(sharedModel, { ...call, text: reply.text }, call.text);
          const where = `round ${round}, prompt ${reply.index}: parts at token ${parted?.step} after "${parted?.shared}" (p top ${parted?.top}, alone ${parted?.reference}, beside others ${parted?.other}):\n  ${reply.text}\n  alone: ${call.text}`;
          expect(parted, where).toBeDefined();
          expect(Math.log((parted?.top ?? 1) / (parted?.other ?? 0)), where).toBeLessThanOrEqual(NEAR_TIE);
        }
      }
    } finally {
      await sharedModel.dispose();
      await aloneModel.dispose();
    }
  }, 600_000);
});
