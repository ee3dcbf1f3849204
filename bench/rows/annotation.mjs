// Row set 11: annotation on the llama.cpp backend. The discussions are made once (`prepare`, one sequence,
// greedy) and every case annotates the same files with the workload's 2 annotators: `a1` one comment at a
// time on one sequence (upstream's way); `a4` a user's default with `parallel: 4`: one annotation at a time,
// its comments 4 at once (the default `commentConcurrency` follows the model's `parallel`); `u4` 4
// annotations at once, one comment each (`commentConcurrency: 1`), the way annotations went concurrent before.
// Each reports how many prompt tokens llama.cpp evaluated per annotated comment (the rest came from the KV
// cache), from the experiment's own summary.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { llamaCppModelOptions } from "../lib/llama-settings.mjs";
import { addReply, emptyTally, meteredModel } from "../lib/metered-model.mjs";
import { CACHE_DIR, importPackage, STORIES_GGUF } from "../lib/paths.mjs";
import { workloadActors, workloadDiscussions } from "../lib/workload.mjs";

/** Where the discussions that every case annotates are kept between cases. */
const discussionsDir = (quick) => join(CACHE_DIR, `annotation-discussions${quick ? "-quick" : ""}`);

/** Makes the discussions to annotate unless this run made them already (`prepare` removes earlier ones). */
async function ensureDiscussions(core, LlamaCppModel, { workload, quick }) {
  const folder = discussionsDir(quick);
  if (existsSync(folder)) return folder;
  const model = await LlamaCppModel.load(
    llamaCppModelOptions(STORIES_GGUF, { parallel: 1, maxOutTokens: workload.maxOutTokens }),
  );
  try {
    const { users } = workloadActors(core, model, workload);
    const summary = await workloadDiscussions(core, users, { workload, concurrency: 1 }).begin({
      outputDir: folder,
      handleSignals: false,
    });
    if (summary.finished !== summary.total) throw new Error("the discussions to annotate did not all finish");
    return folder;
  } finally {
    await model.dispose();
  }
}

async function measure({ parallel, concurrency, commentConcurrency }, { quick, workload }) {
  const core = await importPackage("core");
  const { LlamaCppModel } = await importPackage("model-llamacpp");
  const discussions = await ensureDiscussions(core, LlamaCppModel, { workload, quick });
  const model = await LlamaCppModel.load(
    llamaCppModelOptions(STORIES_GGUF, { parallel, maxOutTokens: workload.maxOutTokens }),
  );
  const tally = emptyTally();
  const metered = meteredModel(core, model, (_messages, _options, reply) => addReply(tally, reply));
  const outputDir = mkdtempSync(join(tmpdir(), "syndisco-bench-annotations-"));
  try {
    const { annotators } = workloadActors(core, metered, workload);
    const experiment = new core.AnnotationExperiment({
      annotators,
      historyCtxLen: workload.historyCtxLen,
      seed: 7,
      concurrency,
      ...(commentConcurrency === undefined ? {} : { commentConcurrency }),
    });
    const startedAt = performance.now();
    const summary = await experiment.begin({ discussionsDir: discussions, outputDir, handleSignals: false });
    const seconds = (performance.now() - startedAt) / 1000;
    if (summary.finished !== summary.total) {
      throw new Error(`${summary.total - summary.finished} of ${summary.total} annotations did not finish`);
    }
    const evaluation = summary.promptEvaluation;
    if (!evaluation) throw new Error("the backend did not report the prompt tokens it evaluated");
    return {
      seconds,
      tokensPerSecond: tally.completionTokens / seconds,
      annotationsPerMinute: (evaluation.turns / seconds) * 60,
      evaluatedPerComment: evaluation.evaluatedPerTurn,
      promptPerComment: evaluation.promptTokens / evaluation.turns,
      annotationEvaluatedShare: evaluation.evaluatedShare,
      threads: model.threads,
    };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
    await model.dispose();
  }
}

export default {
  id: "annotation",
  number: 11,
  title: "annotation on llama.cpp (stories260K.gguf)",
  cases: () => [
    { id: "a1", label: "parallel 1, one comment at a time", params: { parallel: 1, concurrency: 1 } },
    {
      id: "a4",
      label: "parallel 4, 4 comments at once (the default commentConcurrency)",
      baseline: "a1",
      params: { parallel: 4, concurrency: 1 },
    },
    {
      id: "u4",
      label: "parallel 4, 4 annotations at once, one comment each",
      baseline: "a1",
      params: { parallel: 4, concurrency: 4, commentConcurrency: 1 },
    },
  ],
  prepare: () => {
    for (const quick of [false, true]) rmSync(discussionsDir(quick), { recursive: true, force: true });
  },
  measure,
  /** The notes of a case, from the summaries of its metrics (`metric(name)`). */
  notes(metric, format) {
    const found = [];
    if (metric("annotationsPerMinute"))
      found.push(`${format.summary(metric("annotationsPerMinute"), 0)} annotated comments/min`);
    if (metric("evaluatedPerComment")) {
      found.push(
        `prompt tokens evaluated per annotated comment: ${format.summary(metric("evaluatedPerComment"), 0)} of ` +
          `${format.summary(metric("promptPerComment"), 0)} (${format.share(metric("annotationEvaluatedShare"))})`,
      );
    }
    return found;
  },
};
