// Row set 3: the transformers.js backend (onnxruntime-node, one intra-op thread). One by one is batchSize 1
// at concurrency 1; batched runs 4 discussions (then annotations) at once, and the backend generates
// the prompts that arrive together as one left-padded batch.
import { importPackage, STORIES_ONNX } from "../lib/paths.mjs";
import { experimentMetrics, runExperiments } from "../lib/workload.mjs";

async function measure({ batchSize }, { workload }) {
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
  ],
  measure,
};
