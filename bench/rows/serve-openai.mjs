// Row set 2: the same experiment over HTTP. `syndisco serve` runs the llama.cpp backend in its own process
// with `parallel` sequences, and the experiment talks to it through the openai backend with as many requests
// in flight as its concurrency. Only the experiment is timed, not the server's start.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { llamaCppModelOptions } from "../lib/llama-settings.mjs";
import { importPackage, STORIES_GGUF } from "../lib/paths.mjs";
import { startServe } from "../lib/serve-process.mjs";
import { experimentMetrics, runExperiments } from "../lib/workload.mjs";

const MODEL_ID = "stories";

async function measure({ concurrency }, { workload }) {
  const core = await importPackage("core");
  const { OpenAIModel } = await importPackage("model-openai");
  const folder = mkdtempSync(join(tmpdir(), "syndisco-bench-serve-"));
  const configFile = join(folder, "serve.json");
  const options = llamaCppModelOptions(STORIES_GGUF, { parallel: concurrency, maxOutTokens: workload.maxOutTokens });
  writeFileSync(configFile, JSON.stringify({ models: { [MODEL_ID]: { backend: "llamacpp", options } } }));
  const server = await startServe(configFile);
  try {
    const model = new OpenAIModel({
      modelName: MODEL_ID,
      baseUrl: server.url,
      maxOutTokens: workload.maxOutTokens,
      temperature: 0,
      maxConcurrency: concurrency,
    });
    return experimentMetrics(await runExperiments(core, model, { workload, concurrency }));
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

export default {
  id: "serve",
  number: 2,
  title: "syndisco serve + openai backend over HTTP (stories260K.gguf)",
  cases: () => [
    { id: "c1", label: "concurrency 1, parallel 1", params: { concurrency: 1 } },
    { id: "c4", label: "concurrency 4, parallel 4", baseline: "c1", params: { concurrency: 4 } },
    { id: "c8", label: "concurrency 8, parallel 8", baseline: "c1", params: { concurrency: 8 } },
  ],
  measure,
};
