import { haveTestModels, modelPath } from "@syndisco/test-support";
import type { CustomBatchingPrioritizationStrategy, Llama } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchGathering, shareBatch } from "./batch-gathering.js";
import { importNodeLlamaCpp } from "./node-llama-cpp.js";

const SEQUENCES = 4;
const LATE_TOKENS = 40;
const WORDS = "the cat sat on a mat and then the dog ran to the park where a big red ball was".split(" ");

/** A different prompt of about 120 words for each sequence. */
function storyPrompt(index: number): string {
  return Array.from({ length: 120 + index * 9 }, (_, at) => WORDS[(at * 7 + index) % WORDS.length]).join(" ");
}

/**
 * Three sequences generate 120 tokens; once the first has 8, a fourth prompt starts in a later event-loop
 * turn (as a request arriving over HTTP) and generates 40 tokens while the three go on.
 *
 * @returns how many batches held all four sequences.
 */
async function batchesOfAllFour(llama: Llama, gathering: BatchGathering | undefined): Promise<number> {
  const { LlamaCompletion } = await importNodeLlamaCpp();
  let full = 0;
  const share = gathering?.strategy ?? (({ items, size }) => shareBatch(items, size));
  const counting: CustomBatchingPrioritizationStrategy = (input) => {
    const batch = share(input);
    if (batch.length === SEQUENCES) full++;
    return batch;
  };
  const model = await llama.loadModel({ modelPath: modelPath("stories260K.gguf") });
  const context = await model.createContext({
    contextSize: 1024,
    sequences: SEQUENCES,
    threads: 1,
    flashAttention: false,
    batching: { itemPrioritizationStrategy: counting },
  });
  let generating = 0;
  gathering?.countGeneratingWith(() => generating);
  const generate = async (index: number, maxTokens: number, onToken?: () => void) => {
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    generating++;
    try {
      await completion.generateCompletion(storyPrompt(index), { maxTokens, temperature: 0, onToken });
    } finally {
      generating--;
    }
  };
  try {
    let late: Promise<void> | undefined;
    let tokens = 0;
    const startLate = () => {
      tokens++;
      if (tokens === 8) late = new Promise((resolve) => setTimeout(resolve, 0)).then(() => generate(3, LATE_TOKENS));
    };
    await Promise.all([generate(0, 120, startLate), generate(1, 120), generate(2, 120)]);
    await late;
  } finally {
    await context.dispose();
    await model.dispose();
  }
  return full;
}

describe.skipIf(!haveTestModels())("batch gathering on stories260K with 4 sequences", () => {
  let llama: Llama;
  beforeAll(async () => {
    const { getLlama } = await importNodeLlamaCpp();
    llama = await getLlama({ gpu: false, build: "never" });
  });
  afterAll(async () => {
    await llama?.dispose();
  });

  it("decodes a prompt that starts while others decode in their batches", async () => {
    const without = await batchesOfAllFour(llama, undefined);
    const gathered = await batchesOfAllFour(llama, new BatchGathering());
    // Without gathering the late sequence stays out of step: the loop alternates between it and the three.
    expect(without).toBeLessThan(LATE_TOKENS / 4);
    // With it, nearly every token of the late reply is decoded together with the others'.
    expect(gathered).toBeGreaterThanOrEqual(LATE_TOKENS * 0.75);
  });
});
