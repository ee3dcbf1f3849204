// node-llama-cpp decoding with nothing else: `parallel` sequences of one context each generate replies of
// `replyTokens` tokens after a four-token prompt, until `totalTokens` are generated. This is the measurement
// behind "4 sequences give about 1.4 times the tokens per second of one": decoding near the start of the
// context, where a token's cost is mostly fixed overhead rather than attention over a long prompt.
import { llamaContextOptions } from "./llama-settings.mjs";

/** Generates at least `totalTokens` greedily over `parallel` sequences; returns the tokens and seconds. */
export async function decodeOnly(nlc, modelFile, { parallel, totalTokens, replyTokens }) {
  const llama = await nlc.getLlama({ gpu: false, build: "never", logLevel: nlc.LlamaLogLevel.error });
  try {
    const model = await llama.loadModel({ modelPath: modelFile });
    const context = await model.createContext(llamaContextOptions(parallel));
    const sequences = Array.from({ length: parallel }, () => context.getSequence());
    const prompt = model.tokenize("Once upon a time");
    const replyCount = Math.ceil(totalTokens / replyTokens);
    let replies = replyCount;
    const startedAt = performance.now();
    await Promise.all(
      sequences.map(async (sequence) => {
        while (replies > 0) {
          replies -= 1;
          await sequence.clearHistory();
          let generated = 0;
          for await (const _token of sequence.evaluate(prompt, { temperature: 0 })) {
            generated += 1;
            if (generated >= replyTokens) break;
          }
        }
      }),
    );
    return { tokens: replyCount * replyTokens, seconds: (performance.now() - startedAt) / 1000 };
  } finally {
    await llama.dispose();
  }
}
