import { Actor, DiscussionExperiment, loggingSetup, Persona } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestModel } from "../test/load-test-model.js";
import { temporaryFolder } from "../test/temporary-folder.js";
import type { LlamaCppModel } from "./llamacpp-model.js";

/** A one-discussion experiment whose actors speak through `model`, named the same whatever the file. */
function experiment(model: LlamaCppModel) {
  const users = ["Emma35", "Giannis"].map(
    (username) =>
      new Actor({ model, persona: new Persona({ username }), context: "A forum", instructions: "Tell a story" }),
  );
  return new DiscussionExperiment({ users, numDiscussions: 1, numTurns: 1, seed: 1 });
}

describe.skipIf(!haveTestModels())("LlamaCppModel.identity in an experiment's fingerprint", () => {
  const folder = temporaryFolder("identity");
  beforeAll(() => loggingSetup({ printToTerminal: false, logWarnings: false }));
  afterAll(() => folder.remove());

  it("refuses to resume a folder with another model file under the same name (the quickstart's --model-path)", async () => {
    const outputDir = `${folder.path}/another-file`;
    const stories = await loadTestModel("stories260K.gguf", { name: "model", maxOutTokens: 8 });
    try {
      await experiment(stories).begin({ outputDir, handleSignals: false });
    } finally {
      await stories.dispose();
    }
    const random = await loadTestModel("tiny-random-llama.gguf", { name: "model", maxOutTokens: 8 });
    try {
      await expect(experiment(random).begin({ outputDir, handleSignals: false })).rejects.toThrow(
        'this folder was made with other model settings (they differ in the model "model" (contextSize, modelFile))',
      );
    } finally {
      await random.dispose();
    }
  });

  it("is the same for the same file and options, and changes with a sampling option", async () => {
    const first = await loadTestModel("stories260K.gguf", { parallel: 2 });
    const again = await loadTestModel("stories260K.gguf", { parallel: 1 });
    const warmer = await loadTestModel("stories260K.gguf", { temperature: 0.7 });
    try {
      // `parallel` changes only speed.
      expect(again.identity()).toEqual(first.identity());
      expect(first.identity()).toMatchObject({
        backend: "llamacpp",
        name: "stories260K",
        maxOutTokens: 50,
        modelFile: { bytes: 1_185_376, sampleSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        sampling: { temperature: 0 },
      });
      expect(warmer.identity()).not.toEqual(first.identity());
    } finally {
      await Promise.all([first.dispose(), again.dispose(), warmer.dispose()]);
    }
  });
});
