import type { DiscussionLogEntry } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { createDiscussion, type DiscussionPlan } from "../test/discussions.js";
import { loadTestModel } from "../test/load-test-model.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

const PLANS: DiscussionPlan[] = [
  { users: ["Emma35", "Giannis", "Lily"], seedOpinion: "Once upon a time there was a big park." },
  { users: ["Tom", "Sara", "Ben"], seedOpinion: "The dog liked to play with the red ball." },
  { users: ["Mia", "Leo", "Zoe"], seedOpinion: "We should plant more trees in the town." },
  { users: ["Max", "Ava", "Sam"], seedOpinion: "The cake in the shop was too sweet." },
];

async function runDiscussions(model: LlamaCppModel, together: boolean): Promise<DiscussionLogEntry[][]> {
  const discussions = PLANS.map((plan, index) => createDiscussion(model, plan, `discussion-${index}`));
  if (together) {
    await Promise.all(discussions.map((discussion) => discussion.begin({ verbose: false })));
  } else {
    for (const discussion of discussions) await discussion.begin({ verbose: false });
  }
  return discussions.map((discussion) => [...discussion.logs]);
}

describe.skipIf(!haveTestModels())("concurrent discussions through one model", () => {
  it("give with parallel: 4 the same greedy texts as one after another", async () => {
    const options = { maxOutTokens: 40, chatTemplate: "plain" } as const;
    const sequentialModel = await loadTestModel("stories260K.gguf", { ...options, parallel: 1 });
    const sequential = await runDiscussions(sequentialModel, false).finally(() => sequentialModel.dispose());

    const sharedModel = await loadTestModel("stories260K.gguf", { ...options, parallel: 4 });
    try {
      let mostActive = 0;
      const watch = setInterval(() => {
        mostActive = Math.max(mostActive, sharedModel.activeCalls);
      }, 1);
      const concurrent = await runDiscussions(sharedModel, true).finally(() => clearInterval(watch));

      // The four discussions really overlapped on the model's sequences.
      expect(mostActive).toBeGreaterThan(1);
      expect(concurrent.map((logs) => logs.map(({ name, text }) => ({ name, text })))).toEqual(
        sequential.map((logs) => logs.map(({ name, text }) => ({ name, text }))),
      );
      expect(concurrent.flat().length).toBeGreaterThanOrEqual(PLANS.length * 4);
    } finally {
      await sharedModel.dispose();
    }
  });
});
