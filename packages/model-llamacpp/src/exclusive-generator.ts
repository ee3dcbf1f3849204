import type { GenerationResult, GenerationSettings, PreparedPrompt, SequenceGenerator } from "./generation.js";

/**
 * Wraps a sequence's generator so that a second call while one is running fails at once instead of
 * interleaving two prompts in one KV cache. The sequence pool never lends a sequence twice; this makes a
 * bug there (or in how the model uses its lease) an error that names the sequence, not mixed-up replies.
 */
export function exclusiveGenerator(generator: SequenceGenerator, sequenceIndex: number): SequenceGenerator {
  let busy = false;
  return {
    cachedPrefixLength: (tokens) => generator.cachedPrefixLength(tokens),
    async generate(prompt: PreparedPrompt, settings: GenerationSettings): Promise<GenerationResult> {
      if (busy) {
        throw new Error(`internal error: sequence ${sequenceIndex} was given a second call while serving one`);
      }
      busy = true;
      try {
        return await generator.generate(prompt, settings);
      } finally {
        busy = false;
      }
    },
  };
}
