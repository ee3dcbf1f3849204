// Row set 6: how the gain scales when decoding costs more than the per-token overhead. The same framework
// and ceiling cases as rows 1 and 4, on a generated random-weight llama of about 25M parameters, whose
// every token costs about 8 ms on one thread instead of about 1 ms. Its replies are noise, and each of its
// tokens is one byte, so prompts are longer: the experiment is smaller (discussions only) to fit the time.
import { ceilingCases, measureCeiling } from "../lib/ceiling.mjs";
import { ensureLargerModel, LARGER_GGUF } from "../lib/larger-model.mjs";
import { recordingPath } from "../lib/recorded-workload.mjs";
import { measureLlamaCpp } from "./llamacpp.mjs";

/** 8 discussions of 3 turns among 3 participants, not annotated; `--quick` halves it. */
function largerWorkload(workload, quick) {
  return { ...workload, discussions: quick ? 4 : 8, turns: quick ? 2 : 3, annotators: 0 };
}

export default {
  id: "larger",
  number: 6,
  title: "25M-parameter random llama (generated into bench/.cache)",
  prepare: ensureLargerModel,
  cases: () => {
    const framework = [
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
    ];
    const ceiling = ceilingCases([1, 4], "larger").map((entry) => ({
      ...entry,
      label: `node-llama-cpp alone, ${entry.label}`,
      params: { kind: "ceiling", ...entry.params },
    }));
    // Each framework case next to the ceiling case it is compared with, so that the two run close in time.
    const [replay1, replay4, ...decoding] = ceiling;
    return [framework[0], replay1, framework[1], replay4, ...decoding];
  },
  measure: ({ kind, ...params }, options) =>
    kind === "framework"
      ? measureLlamaCpp(
          LARGER_GGUF,
          {
            ...params,
            record: params.concurrency === 1 ? recordingPath("random-llama-25M", options.quick) : undefined,
          },
          { ...options, workload: largerWorkload(options.workload, options.quick) },
        )
      : measureCeiling(LARGER_GGUF, recordingPath("random-llama-25M", options.quick), "larger-model", params),
};
