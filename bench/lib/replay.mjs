// The ceiling: node-llama-cpp alone, with no framework around it, doing the same work as a framework run.
// `parallel` workers, each bound to one sequence of one context, take units (discussions, then annotations)
// from a queue and, for each recorded call, keep the sequence's cached prefix of the prompt, evaluate the
// rest and generate exactly the recorded number of tokens greedily. Prompts are tokenized before timing.

import { llamaContextOptions } from "./llama-settings.mjs";
import { emptyTally } from "./metered-model.mjs";

/**
 * Replays a recorded workload and returns per phase the wall-clock seconds and token counts.
 *
 * @param nlc - the imported node-llama-cpp.
 */
export async function replayWorkload(nlc, modelFile, recorded, parallel) {
  const llama = await nlc.getLlama({ gpu: false, build: "never", logLevel: nlc.LlamaLogLevel.error });
  try {
    const model = await llama.loadModel({ modelPath: modelFile });
    const context = await model.createContext(llamaContextOptions(parallel));
    const sequences = Array.from({ length: parallel }, () => context.getSequence());
    const bos = model.tokens.bos == null ? [] : [model.tokens.bos];
    const prepare = (units) =>
      units.map((calls) =>
        calls.map((call) => ({
          tokens: [...bos, ...model.tokenize(call.prompt, false)],
          completionTokens: call.completionTokens,
        })),
      );
    const phases = {};
    for (const phase of ["discussions", "annotations"]) {
      phases[phase] = await runPhase(sequences, prepare(recorded[phase] ?? []));
    }
    return phases;
  } finally {
    await llama.dispose();
  }
}

async function runPhase(sequences, units) {
  // The framework rows' tally, so that experimentMetrics reads both alike.
  const tally = { ...emptyTally(), count: units.length, seconds: 0 };
  const queue = [...units];
  const startedAt = performance.now();
  await Promise.all(
    sequences.map(async (sequence) => {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        for (const call of unit) {
          const evaluated = await generate(sequence, call.tokens, call.completionTokens);
          tally.promptTokens += call.tokens.length;
          tally.evaluatedPromptTokens += evaluated;
          tally.completionTokens += call.completionTokens;
        }
      }
    }),
  );
  tally.seconds = (performance.now() - startedAt) / 1000;
  return tally;
}

/** Evaluates what the sequence does not hold of `tokens`, then samples `count` tokens; returns the evaluated count. */
async function generate(sequence, tokens, count) {
  const cached = sequence.contextTokens;
  let keep = 0;
  while (keep < cached.length && keep < tokens.length && cached[keep] === tokens[keep]) keep++;
  // The prompt's last token is evaluated again even when cached, for the logits of the first new token.
  keep = Math.min(keep, tokens.length - 1);
  if (keep < sequence.nextTokenIndex) {
    await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  }
  const rest = tokens.slice(keep);
  if (count === 0) {
    await sequence.evaluateWithoutGeneratingNewTokens(rest);
  } else {
    let generated = 0;
    for await (const _token of sequence.evaluate(rest, { temperature: 0 })) {
      generated += 1;
      if (generated >= count) break;
    }
  }
  return rest.length;
}
