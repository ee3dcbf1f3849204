// Shared by the ceiling rows of both models: the replay of a recorded framework run and decoding alone,
// each run in its own child process like every other case.
import { decodeOnly } from "./decode-only.mjs";
import { importNodeLlamaCpp } from "./paths.mjs";
import { loadRecordedWorkload } from "./recorded-workload.mjs";
import { replayWorkload } from "./replay.mjs";
import { experimentMetrics } from "./workload.mjs";

/**
 * Measures one ceiling case: `mode: "replay"` redoes the recorded framework run on bare node-llama-cpp;
 * `mode: "decode"` generates the same number of tokens from a short prompt, decoding only.
 */
export async function measureCeiling(modelFile, recording, writtenBy, { mode, parallel }) {
  const nlc = await importNodeLlamaCpp();
  const recorded = loadRecordedWorkload(recording, writtenBy);
  if (mode === "decode") {
    const totalTokens = [...recorded.discussions, ...recorded.annotations]
      .flat()
      .reduce((sum, call) => sum + call.completionTokens, 0);
    const { tokens, seconds } = await decodeOnly(nlc, modelFile, { parallel, totalTokens, replyTokens: 32 });
    return { tokensPerSecond: tokens / seconds, seconds, completionTokens: tokens };
  }
  return experimentMetrics(await replayWorkload(nlc, modelFile, recorded, parallel));
}

/**
 * The ceiling cases for parallelisms `levels`: a replay per level, compared with the framework case
 * `${prefix}${level}` of row set `frameworkSet`, then decoding alone per level.
 */
export function ceilingCases(levels, frameworkSet, prefix = "c") {
  const [first] = levels;
  return [
    ...levels.map((parallel) => ({
      id: `p${parallel}`,
      label: `same work, parallel ${parallel}`,
      ...(parallel === first ? {} : { baseline: `p${first}` }),
      compare: { set: frameworkSet, case: `${prefix}${parallel}`, label: `${frameworkSet} ${prefix}${parallel}` },
      params: { mode: "replay", parallel },
    })),
    ...levels.map((parallel) => ({
      id: `d${parallel}`,
      label: `decoding only, parallel ${parallel}`,
      ...(parallel === first ? {} : { baseline: `d${first}` }),
      params: { mode: "decode", parallel },
    })),
  ];
}
