// transformers.js alone, with no SynDisco around it: generates 32 tokens after each of the first prompts
// that the llama.cpp rows recorded (the same plain-format prompts as the framework's, at their real
// lengths), one prompt at a time or `rows` at a time as one left-padded batch. Every row generates exactly
// 32 tokens, so both cases do the same decoding work.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, STORIES_ONNX } from "./paths.mjs";
import { loadRecordedWorkload } from "./recorded-workload.mjs";

const NEW_TOKENS = 32;
const PROMPTS = 40;

/**
 * Imports @huggingface/transformers as the transformers backend resolves it. `require.resolve` finds its
 * CommonJS build for Node; the ESM build that `import` would load sits beside it.
 */
async function importTransformersJs() {
  const require = createRequire(join(ROOT, "packages/model-transformers/package.json"));
  const commonJsEntry = require.resolve("@huggingface/transformers");
  return import(pathToFileURL(join(dirname(commonJsEntry), "transformers.node.mjs")).href);
}

/** Generates after the first recorded prompts, `rows` per batch; returns the tokens and seconds. */
export async function transformersAlone(recording, writtenBy, rows) {
  const prompts = loadRecordedWorkload(recording, writtenBy)
    .discussions.flat()
    .slice(0, PROMPTS)
    .map((call) => call.prompt);
  const tf = await importTransformersJs();
  tf.env.allowRemoteModels = false;
  const pretrained = { local_files_only: true };
  const tokenizer = await tf.AutoTokenizer.from_pretrained(STORIES_ONNX, pretrained);
  tokenizer.padding_side = "left";
  const model = await tf.AutoModelForCausalLM.from_pretrained(STORIES_ONNX, {
    ...pretrained,
    dtype: "fp32",
    device: "cpu",
    session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  });
  try {
    const startedAt = performance.now();
    for (let first = 0; first < prompts.length; first += rows) {
      const inputs = tokenizer(prompts.slice(first, first + rows), { padding: true });
      await model.generate({ ...inputs, max_new_tokens: NEW_TOKENS, min_new_tokens: NEW_TOKENS, do_sample: false });
    }
    return { tokens: prompts.length * NEW_TOKENS, seconds: (performance.now() - startedAt) / 1000 };
  } finally {
    await model.dispose();
  }
}
