// Row set 1: the llama.cpp backend in process. Concurrency 1 with one sequence is upstream SynDisco's design
// (one prompt at a time); concurrency 4 and 8 run that many discussions (then annotations) at once on as
// many sequences of one context. "c4, parallel 12" gives each of the 12 actors in flight its own sequence,
// to measure how much of each prompt the KV cache spares when an actor's unchanged prefix (system prompt,
// persona) stays cached between its turns.
import { llamaCppModelOptions } from "../lib/llama-settings.mjs";
import { importPackage, STORIES_GGUF } from "../lib/paths.mjs";
import { promptRecorder, recordingPath } from "../lib/recorded-workload.mjs";
import { experimentMetrics, runExperiments } from "../lib/workload.mjs";

/** Where the concurrency-1 run saves its prompts for the ceiling rows to replay. */
export const storiesRecording = (quick) => recordingPath("stories260K", quick);

/** Runs the workload through `LlamaCppModel` and, when asked, records its prompts. */
export async function measureLlamaCpp(modelFile, { concurrency, parallel, record }, { workload }) {
  const core = await importPackage("core");
  const { LlamaCppModel } = await importPackage("model-llamacpp");
  const model = await LlamaCppModel.load(
    llamaCppModelOptions(modelFile, { parallel, maxOutTokens: workload.maxOutTokens }),
  );
  try {
    const recorder = record ? promptRecorder((messages) => model.renderPrompt(messages)) : undefined;
    const result = await runExperiments(core, model, {
      workload,
      concurrency,
      ...(recorder ? { onReply: recorder.onReply } : {}),
    });
    recorder?.save(record);
    return { ...experimentMetrics(result), threads: model.threads };
  } finally {
    await model.dispose();
  }
}

export default {
  id: "llamacpp",
  number: 1,
  title: "llama.cpp in process (stories260K.gguf)",
  cases: () => [
    { id: "c1", label: "concurrency 1, parallel 1", params: { concurrency: 1, parallel: 1, record: true } },
    { id: "c4", label: "concurrency 4, parallel 4", baseline: "c1", params: { concurrency: 4, parallel: 4 } },
    { id: "c8", label: "concurrency 8, parallel 8", baseline: "c1", params: { concurrency: 8, parallel: 8 } },
    {
      id: "c4p12",
      label: "concurrency 4, parallel 12 (a sequence per actor)",
      baseline: "c1",
      params: { concurrency: 4, parallel: 12 },
    },
  ],
  measure: ({ record, ...params }, options) =>
    measureLlamaCpp(STORIES_GGUF, { ...params, record: record ? storiesRecording(options.quick) : undefined }, options),
};
