import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, participantPool, promptEchoModel, replyTo } from "../../test/experiment-helpers.js";
import { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import type { AnswerForm } from "../answers/answer-form.js";
import { loggingSetup } from "../logging/logging-setup.js";
import { Persona } from "../persona.js";
import { ScriptedModel, type ScriptedModelOptions } from "../testing/scripted-model.js";
import { AnnotationExperiment } from "./annotation-experiment.js";
import { DiscussionExperiment } from "./discussion-experiment.js";

/** A model whose identity carries a sampling option, as a backend's does. */
class SamplingModel extends ScriptedModel {
  readonly temperature: number;

  constructor(temperature: number, options: Partial<ScriptedModelOptions> = {}) {
    super({ replies: (messages) => replyTo(messages), ...options });
    this.temperature = temperature;
  }

  override identity(): Record<string, unknown> {
    return { ...super.identity(), backend: "sampling", temperature: this.temperature };
  }
}

function discussions(model: ScriptedModel) {
  return new DiscussionExperiment({ users: participantPool(model), numDiscussions: 2, numTurns: 2, seed: 4 });
}

const DIFFERENT = 'this folder was made with other model settings (they differ in the model "scripted"';

beforeAll(async () => {
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

describe("an experiment's fingerprint covers everything that changes an output", () => {
  it("refuses to resume a folder made with another model's generation options", async () => {
    const outputDir = await freshDir();
    await discussions(new SamplingModel(0.2)).begin({ outputDir, handleSignals: false });
    await expect(discussions(new SamplingModel(0.9)).begin({ outputDir, handleSignals: false })).rejects.toThrow(
      `${DIFFERENT} (temperature))`,
    );
    // Unchanged, it resumes (nothing left to do).
    await expect(discussions(new SamplingModel(0.2)).begin({ outputDir, handleSignals: false })).resolves.toMatchObject(
      { alreadyDone: 2 },
    );
  });

  it("refuses to resume a folder made with another maxOutTokens or removeStringList", async () => {
    const outputDir = await freshDir();
    await discussions(promptEchoModel({ maxOutTokens: 50 })).begin({ outputDir, handleSignals: false });
    await expect(
      discussions(promptEchoModel({ maxOutTokens: 20 })).begin({ outputDir, handleSignals: false }),
    ).rejects.toThrow(`${DIFFERENT} (maxOutTokens))`);
    await expect(
      discussions(promptEchoModel({ maxOutTokens: 50, removeStringList: ["<|eot|>"] })).begin({
        outputDir,
        handleSignals: false,
      }),
    ).rejects.toThrow(DIFFERENT);
  });

  describe("of annotations", () => {
    let discussionsDir: string;

    beforeAll(async () => {
      discussionsDir = await freshDir();
      await discussions(promptEchoModel()).begin({ outputDir: discussionsDir, handleSignals: false });
    });

    function annotations(answerForm: AnswerForm, answerRetries = 2) {
      const judge = new Actor({
        model: new ScriptedModel({ replies: ["3"] }),
        persona: new Persona({ username: "Judge" }),
        context: "You are a content moderator",
        instructions: "Rate the toxicity of the last comment",
        actorType: ActorType.ANNOTATOR,
        answerForm,
      });
      return new AnnotationExperiment({ annotators: [judge], answerRetries, seed: 1 });
    }

    it("refuses to resume with another answer form or number of retries", async () => {
      const outputDir = await freshDir();
      const run = (experiment: AnnotationExperiment) =>
        experiment.begin({ discussionsDir, outputDir, handleSignals: false });
      await run(annotations({ type: "scale", min: 1, max: 5 }));
      await expect(run(annotations({ type: "scale", min: 1, max: 10 }))).rejects.toThrow("it differs in: annotators");
      await expect(run(annotations({ type: "scale", min: 1, max: 5 }, 0))).rejects.toThrow(
        "it differs in: answerRetries",
      );
      await expect(run(annotations({ type: "scale", min: 1, max: 5 }))).resolves.toMatchObject({ alreadyDone: 2 });
    });
  });
});
