// Row set 3: the transformers.js backend (onnxruntime-node, the intra-op threads it picks itself). One by one is batchSize 1
// at concurrency 1; batched runs 4 (or 8) discussions, then annotations, at once, and the backend generates
// the prompts that arrive together as one batch. The `b` cases run with the backend's prompt cache (its
// default, 256 MB), the `n` cases without it (promptCacheMB 0), so that each pair compares one by one and
// batched with the same settings. "Alone" is transformers.js with no SynDisco around it, on the first 40
// prompts that the llama.cpp rows recorded, one by one or 4 per left-padded batch, 32 new tokens each: what
// batching gains in the library's own generate() at this workload's prompt lengths.
import { importPackage, STORIES_ONNX } from "../lib/paths.mjs";
import { transformersAlone } from "../lib/transformers-alone.mjs";
import { experimentMetrics, runExperiments } from "../lib/workload.mjs";
import { storiesRecording } from "./llamacpp.mjs";

async function measure({ mode, batchSize, promptCacheMB }, { quick, workload }) {
  if (mode === "alone") {
    const { tokens, seconds } = await transformersAlone(storiesRecording(quick), "llamacpp", batchSize);
    return { tokensPerSecond: tokens / seconds, seconds, completionTokens: tokens };
  }
  const core = await importPackage("core");
  const { TransformersModel } = await importPackage("model-transformers");
  const model = await TransformersModel.load({
    modelPath: STORIES_ONNX,
    name: "stories260K-onnx",
    maxOutTokens: workload.maxOutTokens,
    chatTemplate: "plain",
    batchSize,
    ...(promptCacheMB === undefined ? {} : { promptCacheMB }),
  });
  try {
    const metrics = experimentMetrics(await runExperiments(core, model, { workload, concurrency: batchSize }));
    const { batches, prompts } = model.batchStats;
    return { ...metrics, promptsPerBatch: prompts / batches, threads: model.intraOpNumThreads };
  } finally {
    await model.dispose();
  }
}

const noCache = (batchSize) => ({ batchSize, promptCacheMB: 0 });

export default {
  id: "transformers",
  number: 3,
  title: "transformers.js (stories260K-onnx)",
  cases: () => [
    { id: "n1", label: "one by one, no prompt cache (batchSize 1, promptCacheMB 0)", params: noCache(1) },
    { id: "n4", label: "batched, no prompt cache (batchSize 4, promptCacheMB 0)", baseline: "n1", params: noCache(4) },
    { id: "b1", label: "one by one (batchSize 1, concurrency 1)", baseline: "n1", params: { batchSize: 1 } },
    { id: "b4", label: "batched (batchSize 4, concurrency 4)", baseline: "b1", params: { batchSize: 4 } },
    { id: "b8", label: "batched (batchSize 8, concurrency 8)", baseline: "b1", params: { batchSize: 8 } },
    { id: "t1", label: "transformers.js alone, one prompt at a time", params: { mode: "alone", batchSize: 1 } },
    {
      id: "t4",
      label: "transformers.js alone, 4 prompts per batch",
      baseline: "t1",
      params: { mode: "alone", batchSize: 4 },
    },
  ],
  measure,
};
