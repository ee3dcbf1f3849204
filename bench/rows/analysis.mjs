// Row set 9: `syndisco analyze`'s measures over a set the size of the SynDisco authors' released data
// (1,800 discussions, about 51,000 comments; see lib/analysis-set.mjs): the whole analysis (reading the files,
// every measure, 2,000 bootstrap resamples), on one worker thread and on all cores (the default).
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ANALYSIS_SET, ensureAnalysisSet, QUICK_ANALYSIS_SET } from "../lib/analysis-set.mjs";
import { importPackage } from "../lib/paths.mjs";

async function measure({ threads }, { quick }) {
  const folder = ensureAnalysisSet(quick ? QUICK_ANALYSIS_SET : ANALYSIS_SET);
  const { discussions, comments } = JSON.parse(readFileSync(join(folder, ".complete.json"), "utf8"));
  const { analyse } = await importPackage("analysis");
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const analysis = await analyse([folder], threads === "all" ? {} : { threads });
  const seconds = (performance.now() - startedAt) / 1000;
  // CPU time of the process, worker threads included: the work done, whatever else the machine runs.
  const cpu = process.cpuUsage(cpuAtStart);
  const analysed = analysis.tables.dataset[0]?.discussions;
  if (analysed !== discussions) throw new Error(`analysed ${analysed} discussions instead of ${discussions}`);
  return {
    seconds,
    discussionsPerSecond: discussions / seconds,
    discussionsPerMinute: (discussions / seconds) * 60,
    comments,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    threads: threads === "all" ? availableParallelism() : threads,
  };
}

export default {
  id: "analysis",
  number: 9,
  title: "analysis: 1,800 discussions / 51,000 comments",
  prepare: () => ensureAnalysisSet(ANALYSIS_SET),
  cases: ({ quick }) => [
    { id: "t1", label: `one worker thread${quick ? " (180 discussions)" : ""}`, params: { threads: 1 } },
    { id: "all", label: "all cores (the default)", params: { threads: "all" }, baseline: "t1" },
  ],
  measure,
};
