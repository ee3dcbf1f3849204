import type { ChatMessage, PromptOptions } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { createDiscussion, type DiscussionPlan } from "../test/discussions.js";
import { loadTestModel } from "../test/load-test-model.js";

const PLANS: DiscussionPlan[] = [
  { users: ["Emma35", "Giannis", "Lily"], seedOpinion: "Once upon a time there was a big park." },
  { users: ["Tom", "Sara", "Ben"], seedOpinion: "The dog liked to play with the red ball." },
  { users: ["Mia", "Leo", "Zoe"], seedOpinion: "We should plant more trees in the town." },
  { users: ["Max", "Ava", "Sam"], seedOpinion: "The cake in the shop was too sweet." },
];

/** One model call of a run: what was asked, and the reply. */
interface Call {
  messages: ChatMessage[];
  options: PromptOptions;
  text: string;
}

describe.skipIf(!haveTestModels())("concurrent discussions through one model", () => {
  // Each reply of four discussions run at once on parallel: 4 is compared with the reply that the same
  // prompt gets alone on a one-sequence model. A call served on the wrong sequence, or caches mixed up
  // between sequences, would change nearly every reply. Exact equality of every reply cannot be asked for:
  // llama.cpp's results for a token can differ in the last bits with the other sequences' tokens that share
  // its batch (which depends on timing), and at a near tie greedy decoding then takes the other token.
  it("give with parallel: 4 the greedy replies that each prompt gets alone", async () => {
    const options = { maxOutTokens: 40, chatTemplate: "plain" } as const;
    const sharedModel = await loadTestModel("stories260K.gguf", { ...options, parallel: 4 });
    const calls: Call[] = [];
    let mostActive = 0;
    const watch = setInterval(() => {
      mostActive = Math.max(mostActive, sharedModel.activeCalls);
    }, 1);
    try {
      const prompt = sharedModel.prompt.bind(sharedModel);
      sharedModel.prompt = async (messages, callOptions = {}) => {
        const reply = await prompt(messages, callOptions);
        calls.push({ messages: [...messages], options: callOptions, text: reply.text });
        return reply;
      };
      const discussions = PLANS.map((plan, index) => createDiscussion(sharedModel, plan, `discussion-${index}`));
      await Promise.all(discussions.map((discussion) => discussion.begin({ verbose: false })));
    } finally {
      clearInterval(watch);
      await sharedModel.dispose();
    }
    // The four discussions really overlapped on the model's sequences.
    expect(mostActive).toBeGreaterThan(1);
    expect(calls.length).toBeGreaterThanOrEqual(PLANS.length * 4);

    const aloneModel = await loadTestModel("stories260K.gguf", { ...options, parallel: 1 });
    try {
      let same = 0;
      for (const call of calls) {
        const { signal: _signal, ...alone } = call.options;
        if ((await aloneModel.prompt(call.messages, alone)).text === call.text) same += 1;
      }
      expect(same / calls.length).toBeGreaterThanOrEqual(0.8);
    } finally {
      await aloneModel.dispose();
    }
  });
});
