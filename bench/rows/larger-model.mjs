// Row set 6: how the gain scales when decoding costs more than the per-token overhead. The same framework
// and ceiling cases as rows 1 and 4, on a generated random-weight llama of about 25M parameters, whose
// every token costs about 8 ms on one thread instead of about 1 ms. Its replies are noise, and each of its
// tokens is one byte, so prompts are longer: the experiment is smaller (discussions only) to fit the time.
import { join } from "node:path";
import { ceilingCases, measureCeiling } from "../lib/ceiling.mjs";
import { ensureLargerModel, LARGER_GGUF } from "../lib/larger-model.mjs";
import { CACHE_DIR } from "../lib/paths.mjs";
import { measureLlamaCpp } from "./llamacpp.mjs";

const RECORDING = join(CACHE_DIR, "workload-random-llama-25M.json");

/** 8 discussions of 3 turns among 3 participants, not annotated; `--quick` halves it. */
function largerWorkload(workload, quick) {
  return { ...workload, discussions: quick ? 4 : 8, turns: quick ? 2 : 3, annotators: 0 };
}

export default {
  id: "larger",
  number: 6,
  title: "25M-parameter random llama (generated into bench/.cache)",
  prepare: ensureLargerModel,
  cases: () => [
    {
      id: "c1",
      label: "llama.cpp, concurrency 1, parallel 1",
      params: { kind: "framework", concurrency: 1, parallel: 1 },
    },
    {
      id: "c4",
      label: "llama.cpp, concurrency 4, parallel 4",
      baseline: "c1",
      params: { kind: "framework", concurrency: 4, parallel: 4 },
    },
    ...ceilingCases([1, 4], "larger").map((ceiling) => ({
      ...ceiling,
      label: `node-llama-cpp alone, ${ceiling.label}`,
      params: { kind: "ceiling", ...ceiling.params },
    })),
  ],
  measure: ({ kind, ...params }, options) =>
    kind === "framework"
      ? measureLlamaCpp(
          LARGER_GGUF,
          { ...params, record: params.concurrency === 1 ? RECORDING : undefined },
          { ...options, workload: largerWorkload(options.workload, options.quick) },
        )
      : measureCeiling(LARGER_GGUF, RECORDING, "larger-model", params),
};
