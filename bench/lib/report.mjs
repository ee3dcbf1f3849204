// Turns the measurements into the one markdown table that `pnpm bench` prints and writes.
import { formatShare, formatSummary } from "./format.mjs";
import { pairedRatio, summarize } from "./stats.mjs";

const HEADER = [
  "| Row | Case | Discussions/min | Generated tokens/s | × baseline (tokens/s) | × baseline (discussions/min) | Notes |",
  "|---|---|---:|---:|---:|---:|---|",
];

/**
 * The results table: one line per case, medians of the repetitions with their min–max, ratios to the
 * case's baseline computed per repetition (both measured in the same repetition), and notes.
 *
 * @param sets - `[{rowSet, cases: [{spec, runs}]}]`, `runs` holding `{metrics}` or `{error}` per repetition.
 * @param runsOf - `(setId, caseId) => runs`, for comparisons across row sets.
 */
export function resultsTable(sets, runsOf) {
  const lines = [...HEADER];
  for (const { rowSet, cases } of sets) {
    cases.forEach(({ spec, runs }, index) => {
      const metric = (name) => summarize(runs.map((run) => run.metrics?.[name]));
      const baselineRuns = spec.baseline ? runsOf(rowSet.id, spec.baseline) : undefined;
      const ratio = (name) => (baselineRuns ? formatSummary(pairedRatio(runs, baselineRuns, name), 2, "×") : "");
      lines.push(
        `| ${index === 0 ? `${rowSet.number}. ${rowSet.title}` : ""} | ${spec.id}: ${spec.label} | ` +
          `${formatSummary(metric("discussionsPerMinute"))} | ${formatSummary(metric("tokensPerSecond"), 0)} | ` +
          `${ratio("tokensPerSecond")} | ${ratio("discussionsPerMinute")} | ${notes(rowSet, spec, runs, runsOf).join("; ")} |`,
      );
    });
  }
  return lines;
}

function notes(rowSet, spec, runs, runsOf) {
  const metric = (name) => summarize(runs.map((run) => run.metrics?.[name]));
  // A row set with measures of its own describes them itself.
  const found = rowSet.notes?.(metric, { summary: formatSummary, share: formatShare }) ?? [];
  if (spec.compare) {
    const ours = pairedRatio(runsOf(spec.compare.set, spec.compare.case), runs, "tokensPerSecond");
    found.push(`${spec.compare.label} reaches ${formatSummary(ours, 2)} of this`);
  }
  if (metric("evaluatedShare"))
    found.push(`discussion prompt tokens evaluated: ${formatShare(metric("evaluatedShare"))}`);
  if (metric("promptsPerBatch")) found.push(`${formatSummary(metric("promptsPerBatch"))} prompts per batch`);
  if (metric("turnsPerSecond")) found.push(`${formatSummary(metric("turnsPerSecond"), 0)} turns/s`);
  if (metric("diskTurnsPerSecond")) {
    found.push(
      `the disk's ceiling for the same atomic writes: ${formatSummary(metric("diskTurnsPerSecond"), 0)} turns/s, ` +
        `of which the slowest run reaches ${formatSummary(metric("diskShare"), 2)}`,
    );
  }
  if (metric("rssGrowth"))
    found.push(`peak RSS ×${formatSummary(metric("rssGrowth"), 2)} from 1,000 to 10,000 discussions`);
  if (metric("discussionsPerSecond")) {
    found.push(
      `${formatSummary(metric("discussionsPerSecond"), 0)} discussions/s on ${metric("threads")?.median} thread(s)`,
    );
    found.push(`${formatSummary(metric("cpuSeconds"))} s of CPU time`);
  }
  if (metric("defaultVsBest")) {
    const picked = summarize(runs.map((run) => run.metrics?.defaultThreads));
    const best = summarize(runs.map((run) => run.metrics?.bestThreads));
    found.push(
      `default threads (picked: ${formatSummary(picked, 0)}) ÷ best explicit threads (${formatSummary(best, 0)}, ` +
        `${formatSummary(metric("bestExplicitSeconds"))} s) in run time: ${formatSummary(metric("defaultVsBest"), 2)}`,
    );
  }
  if (metric("threads") && !metric("discussionsPerSecond"))
    found.push(`CPU threads the backend picked: ${formatSummary(metric("threads"), 0)}`);
  if (metric("loadAtStart")) found.push(`load average at the start: ${formatSummary(metric("loadAtStart"))}`);
  if (metric("seconds")) found.push(`${formatSummary(metric("seconds"))} s`);
  const failures = runs.filter((run) => run.error);
  if (failures.length > 0) found.push(`FAILED in ${failures.length} of ${runs.length} runs: ${failures[0].error}`);
  return found;
}
