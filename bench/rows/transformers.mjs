// Row set 3: the transformers.js backend (onnxruntime-node, one intra-op thread). One by one is batchSize 1
// at concurrency 1; batched runs 4 discussions (then annotations) at once, and the backend generates
// the prompts that arrive together as one left-padded batch. "Alone" is transformers.js with no SynDisco
// around it, on the first 40 prompts that the llama.cpp rows recorded, one by one or 4 per batch, 32 new
// tokens each: what batching gains in the library itself at this workload's prompt lengths.
import { importPackage, STORIES_ONNX } from "../lib/paths.mjs";
import { transformersAlone } from "../lib/transformers-alone.mjs";
import { experimentMetrics, runExperiments } from "../lib/workload.mjs";
import { storiesRecording } from "./llamacpp.mjs";

async function measure({ mode, batchSize }, { quick, workload }) {
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
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  try {
    const metrics = experimentMetrics(await runExperiments(core, model, { workload, concurrency: batchSize }));
    const { batches, prompts } = model.batchStats;
    return { ...metrics, promptsPerBatch: prompts / batches };
  } finally {
    await model.dispose();
  }
}

export default {
  id: "transformers",
  number: 3,
  title: "transformers.js (stories260K-onnx)",
  cases: () => [
    { id: "b1", label: "one by one (batchSize 1, concurrency 1)", params: { batchSize: 1 } },
    { id: "b4", label: "batched (batchSize 4, concurrency 4)", baseline: "b1", params: { batchSize: 4 } },
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
