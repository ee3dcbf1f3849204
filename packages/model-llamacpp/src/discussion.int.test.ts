import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PARTICIPANT_STOP_STRINGS, parseDiscussionFile } from "@syndisco/core";
import { haveTestModels } from "@syndisco/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { createDiscussion } from "../test/discussions.js";
import { loadTestModel } from "../test/load-test-model.js";
import { temporaryFolder } from "../test/temporary-folder.js";

describe.skipIf(!haveTestModels())("a Discussion on stories260K.gguf", () => {
  const folder = temporaryFolder("discussion");
  afterAll(() => folder.remove());

  it("runs three personas and a moderator to the end and writes a valid SynDisco file", async () => {
    const model = await loadTestModel("stories260K.gguf", { maxOutTokens: 40 });
    try {
      const discussion = createDiscussion(
        model,
        { users: ["Emma35", "Giannis", "Lily"], seedOpinion: "Once upon a time there was a big park." },
        "discussion-1",
      );
      await discussion.begin({ verbose: false });
      const file = join(folder.path, "discussion.json");
      await discussion.toJsonFile(file);

      const written = parseDiscussionFile(JSON.parse(await readFile(file, "utf8")), file);
      expect(written.id).toBe("discussion-1");
      expect(written.users).toEqual(["Emma35", "Giannis", "Lily"]);
      expect(written.moderator).toBe("Moderator");
      expect(written.user_prompts).toHaveLength(3);
      expect(written.logs[0]).toEqual({
        name: "Emma35",
        text: "Once upon a time there was a big park.",
        model: "hardcoded",
      });

      const generated = written.logs.slice(1);
      // Three participant turns in round-robin order, each answered by the moderator (empty replies are skipped).
      // Emma35 wrote the seed opinion, so she does not take the first turn: round robin starts after her.
      const speakers = generated.map((entry) => entry.name).filter((name) => name !== "Moderator");
      expect(speakers).toEqual(["Giannis", "Lily", "Emma35"].slice(0, speakers.length));
      expect(generated.length).toBeGreaterThanOrEqual(3);
      for (const entry of generated) {
        expect(entry.model).toBe("stories260K");
        expect(entry.text.length).toBeGreaterThan(0);
        for (const stop of PARTICIPANT_STOP_STRINGS) expect(entry.text).not.toContain(stop);
        expect(entry.prompt_tokens).toBeGreaterThan(0);
        expect(entry.completion_tokens).toBeGreaterThan(0);
        expect(entry.completion_tokens).toBeLessThanOrEqual(40);
      }
    } finally {
      await model.dispose();
    }
  });
});
