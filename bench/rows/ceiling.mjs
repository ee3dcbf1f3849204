// Row set 4: the ceiling. node-llama-cpp alone, with no framework around it, on the same context settings:
// "same work" replays the prompts that the llama.cpp rows' concurrency-1 run recorded (same prompts, same
// units, same number of generated tokens, same parallelism); "decoding only" generates as many tokens from a
// four-token prompt. The comparison column gives our tokens per second as a fraction of the replay's.
import { ceilingCases, measureCeiling } from "../lib/ceiling.mjs";
import { STORIES_GGUF } from "../lib/paths.mjs";
import { storiesRecording } from "./llamacpp.mjs";

export default {
  id: "ceiling",
  number: 4,
  title: "node-llama-cpp alone (stories260K.gguf)",
  interleaveWith: "llamacpp",
  cases: () => ceilingCases([1, 4, 8], "llamacpp"),
  measure: (params, { quick }) => measureCeiling(STORIES_GGUF, storiesRecording(quick), "llamacpp", params),
};
