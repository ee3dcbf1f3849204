import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, jsonFiles, participantPool, promptEchoModel, readJson } from "../../test/experiment-helpers.js";
import { participant } from "../../test/personas.js";
import { InputError } from "../errors.js";
import type { ModeratorPolicy } from "../jobs/moderator-policy.js";
import { DiscussionExperiment } from "./discussion-experiment.js";

function moderatedExperiment(moderatorPolicy: ModeratorPolicy, extra = {}) {
  const model = promptEchoModel();
  return new DiscussionExperiment({
    users: participantPool(model),
    moderator: participant(model, "Moderator"),
    moderatorPolicy,
    numDiscussions: 3,
    numTurns: 8,
    seed: 5,
    ...extra,
  });
}

async function moderatorTurns(outputDir: string): Promise<unknown[]> {
  const files = await jsonFiles(outputDir);
  return Promise.all(files.map(async (name) => (await readJson(join(outputDir, name))).moderator_turns as unknown[]));
}

describe("DiscussionExperiment with a moderator policy", () => {
  it("writes the policy and each potential intervention into every file", async () => {
    const outputDir = await freshDir();
    await moderatedExperiment({ every: 2 }).begin({ outputDir });
    const [file] = await jsonFiles(outputDir);
    const data = await readJson(join(outputDir, file as string));
    expect(data.moderator_policy).toEqual({ type: "every", every: 2 });
    expect((data.moderator_turns as { policy: string }[]).map((record) => record.policy)).toEqual([
      "skip",
      "speak",
      "skip",
      "speak",
      "skip",
      "speak",
      "skip",
      "speak",
    ]);
    expect(data.end_reason).toBe("turns");
  });

  it("gives the same interventions for the same plan seed (probability policy)", async () => {
    const first = await freshDir();
    const second = await freshDir();
    await moderatedExperiment({ probability: 0.5 }).begin({ outputDir: first });
    await moderatedExperiment({ probability: 0.5 }).begin({ outputDir: second });
    expect(await moderatorTurns(second)).toEqual(await moderatorTurns(first));
  });

  it("refuses to resume a folder run under another policy or ending, naming the setting", async () => {
    const outputDir = await freshDir();
    await moderatedExperiment("always").begin({ outputDir });
    await expect(moderatedExperiment({ every: 3 }).begin({ outputDir })).rejects.toThrow(/differs in: moderatorPolicy/);
    await expect(moderatedExperiment("always", { endAfterSilentTurns: 2 }).begin({ outputDir })).rejects.toThrow(
      /differs in: endAfterSilentTurns/,
    );
  });

  it("refuses a policy that is not one", () => {
    expect(() => moderatedExperiment({ every: 0 })).toThrow(InputError);
    expect(() => moderatedExperiment("always", { endAfterSilentTurns: 0 })).toThrow(/endAfterSilentTurns/);
  });
});
