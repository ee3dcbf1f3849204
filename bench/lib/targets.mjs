// The targets, checked against the medians of the per-repetition ratios.
import { formatShare, formatSummary } from "./format.mjs";
import { pairedRatio, summarize } from "./stats.mjs";

/**
 * One line per target: what was asked, what was measured, and whether it is met.
 *
 * @param runsOf - `(setId, caseId) => runs` (an empty list when the case did not run).
 */
export function checkTargets(runsOf) {
  const lines = [];
  const verdict = (summary, met) => (summary ? (met(summary.median) ? "met" : "**not met**") : "not measured");

  const ceilingPairs = [
    ["llamacpp", "ceiling", [1, 4, 8], "stories260K"],
    ["larger", "larger", [1, 4], "25M model"],
  ];
  for (const [ours, ceiling, levels, model] of ceilingPairs) {
    for (const level of levels) {
      const fraction = pairedRatio(runsOf(ours, `c${level}`), runsOf(ceiling, `p${level}`), "tokensPerSecond");
      lines.push(
        `- (a) ${model}, parallel ${level}: our tokens/s ÷ node-llama-cpp alone on the same work ≥ 0.9: ` +
          `${formatSummary(fraction, 2)}: ${verdict(fraction, (value) => value >= 0.9)}`,
      );
    }
  }

  const gain = pairedRatio(runsOf("llamacpp", "c4"), runsOf("llamacpp", "c1"), "discussionsPerMinute");
  const perActorGain = pairedRatio(runsOf("llamacpp", "c4p12"), runsOf("llamacpp", "c1"), "discussionsPerMinute");
  const ceilingGain = pairedRatio(runsOf("ceiling", "p4"), runsOf("ceiling", "p1"), "discussionsPerMinute");
  const decodeGain = pairedRatio(runsOf("ceiling", "d4"), runsOf("ceiling", "d1"), "tokensPerSecond");
  lines.push(
    `- (b) stories260K, concurrency 4 (parallel 4) ÷ concurrency 1 in discussions/min ≥ 1.3: ` +
      `${formatSummary(gain, 2, "×")}: ${verdict(gain, (value) => value >= 1.3)}; with parallel 12 (a sequence ` +
      `per actor): ${formatSummary(perActorGain, 2, "×")}: ${verdict(perActorGain, (value) => value >= 1.3)}. ` +
      `node-llama-cpp alone, parallel 4 ÷ parallel 1, on the same work: ${formatSummary(ceilingGain, 2, "×")}; ` +
      `decoding only: ${formatSummary(decodeGain, 2, "×")}`,
  );

  // Per repetition: serve's c4/c1 gain divided by the in-process c4/c1 gain, both in discussions/min.
  const gainsOf = (setId) =>
    runsOf(setId, "c4").map((run, index) => {
      const top = run?.metrics?.discussionsPerMinute;
      const bottom = runsOf(setId, "c1")[index]?.metrics?.discussionsPerMinute;
      return Number.isFinite(top) && Number.isFinite(bottom) && bottom > 0 ? top / bottom : Number.NaN;
    });
  const inProcessGains = gainsOf("llamacpp");
  const serveShare = summarize(gainsOf("serve").map((gain, index) => gain / inProcessGains[index]));
  const serveGain = pairedRatio(runsOf("serve", "c4"), runsOf("serve", "c1"), "discussionsPerMinute");
  lines.push(
    `- Serve: row 2 c4/c1 ≥ 0.9 × row 1 c4/c1 (discussions/min): ${formatSummary(serveShare, 2)}: ` +
      `${verdict(serveShare, (value) => value >= 0.9)} (row 2 c4/c1: ${formatSummary(serveGain, 2, "×")}; ` +
      `row 1 c4/c1: ${formatSummary(gain, 2, "×")})`,
  );

  const share = (caseId) => summarize(runsOf("llamacpp", caseId).map((run) => run.metrics?.evaluatedShare));
  const perActor = share("c4p12");
  lines.push(
    `- (c) prompt tokens evaluated per discussion turn with a sequence per actor (concurrency 4, parallel 12) ` +
      `≤ 60% of the whole prompts (a drop of at least 40%): ${formatShare(perActor)}: ` +
      `${verdict(perActor, (value) => value <= 0.6)} (one sequence, concurrency 1: ${formatShare(share("c1"))}; ` +
      `4 sequences for 12 actors: ${formatShare(share("c4"))}; 8 for 24: ${formatShare(share("c8"))})`,
  );

  const transformersRatio = (caseId, baseline) =>
    pairedRatio(runsOf("transformers", caseId), runsOf("transformers", baseline), "tokensPerSecond");
  const batched = transformersRatio("b4", "b1");
  lines.push(
    `- (d) transformers, batched (4) ÷ one by one in tokens/s ≥ 1.3: ${formatSummary(batched, 2, "×")}: ` +
      `${verdict(batched, (value) => value >= 1.3)} (batchSize 8 ÷ one by one: ` +
      `${formatSummary(transformersRatio("b8", "b1"), 2, "×")}; without the prompt cache, 4 ÷ 1: ` +
      `${formatSummary(transformersRatio("n4", "n1"), 2, "×")}; transformers.js alone, 4 prompts per batch ÷ 1: ` +
      `${formatSummary(transformersRatio("t4", "t1"), 2, "×")})`,
  );

  const core = (name) => summarize(runsOf("core", "scripted").map((run) => run.metrics?.[name]));
  const turns = core("turnsPerSecond");
  const rssGrowth = core("rssGrowth");
  lines.push(
    `- core overhead (from the experiments issue) ≥ 20,000 turns/s with the scripted model: ` +
      `${formatSummary(turns, 0)}: ${verdict(turns, (value) => value >= 20_000)} (the disk's ceiling for the ` +
      `same file writes: ${formatSummary(core("diskTurnsPerSecond"), 0)} turns/s, of which this is ` +
      `${formatSummary(core("diskShare"), 2)}); peak RSS of 10,000 discussions ≤ 1.2 × that of 1,000: ` +
      `${formatSummary(rssGrowth, 2, "×")}: ${verdict(rssGrowth, (value) => value <= 1.2)}`,
  );

  const draw = summarize(runsOf("population", "draw").map((run) => run.metrics?.seconds));
  lines.push(
    `- populations: 10,000 personas drawn in under a second: ${formatSummary(draw, 3)} s: ` +
      `${verdict(draw, (value) => value < 1)}`,
  );

  const scale = (caseId, name) => summarize(runsOf("scale", caseId).map((run) => run.metrics?.[name]));
  const idealShare = scale("f256", "idealShare");
  const lost = scale("kill", "lost");
  const killRuns = runsOf("scale", "kill").filter((run) => run.metrics);
  const allAnswered = killRuns.length > 0 && killRuns.every((run) => run.metrics.answered === run.metrics.requests);
  lines.push(
    `- scale: 256 requests in flight against a server answering after 500 ms ≥ 0.9 of the ideal 512 requests/s: ` +
      `${formatSummary(idealShare, 2)}: ${verdict(idealShare, (value) => value >= 0.9)}; 2 servers, one killed halfway: ` +
      `requests lost ${formatSummary(lost, 0)}, ${killRuns.length === 0 ? "not measured" : allAnswered ? "every request answered: met" : "**not every request answered**"}` +
      ` (the other served ${formatSummary(scale("kill", "survivorRequestsAfterKill"), 0)} after the kill); at 1,000 in ` +
      `flight: client CPU ${formatSummary(scale("f1000", "cpuMsPerRequest"), 2)} ms per request, peak RSS ` +
      `${formatSummary(scale("f1000", "peakRssMb"), 0)} MB (×${formatSummary(scale("f1000", "rssGrowthSecondHalf"), 2)} ` +
      `over the second half of the run)`,
  );

  const analysis = summarize(runsOf("analysis", "all").map((run) => run.metrics?.seconds));
  const threadGain = pairedRatio(runsOf("analysis", "all"), runsOf("analysis", "t1"), "discussionsPerSecond");
  lines.push(
    `- analysis: 1,800 discussions / 51,000 comments analysed in seconds, not minutes (under 10 s on all ` +
      `cores): ${formatSummary(analysis, 1)} s: ${verdict(analysis, (value) => value < 10)}; all cores ÷ one ` +
      `thread: ${formatSummary(threadGain, 2, "×")}`,
  );

  const defaults = (caseId) => summarize(runsOf("defaults", caseId).map((run) => run.metrics?.defaultVsBest));
  const quiet = defaults("quiet");
  const competing = defaults("competing");
  lines.push(
    `- Defaults: \`syndisco init\`'s config on stories260K, best explicit threads' run time ÷ the default's ` +
      `(default speed ÷ best) ≥ 0.67: without a competing process ${formatSummary(quiet, 2)}: ` +
      `${verdict(quiet, (value) => value >= 0.67)}; with a CPU-bound process beside it ${formatSummary(competing, 2)}: ` +
      `${verdict(competing, (value) => value >= 0.67)}`,
  );

  const annotation = (caseId, name) => summarize(runsOf("annotation", caseId).map((run) => run.metrics?.[name]));
  const sequentialShare = annotation("a1", "annotationEvaluatedShare");
  const concurrentShare = annotation("a4", "annotationEvaluatedShare");
  const annotationGain = pairedRatio(runsOf("annotation", "a4"), runsOf("annotation", "a1"), "annotationsPerMinute");
  const annotationsAtOnceGain = pairedRatio(
    runsOf("annotation", "u4"),
    runsOf("annotation", "a1"),
    "annotationsPerMinute",
  );
  lines.push(
    `- Annotation: prompt tokens evaluated per annotated comment ≤ 50% of the whole prompts: one comment at a ` +
      `time ${formatShare(sequentialShare)} (${formatSummary(annotation("a1", "evaluatedPerComment"), 0)} of ` +
      `${formatSummary(annotation("a1", "promptPerComment"), 0)} tokens): ` +
      `${verdict(sequentialShare, (value) => value <= 0.5)}; 4 comments at once ${formatShare(concurrentShare)}: ` +
      `${verdict(concurrentShare, (value) => value <= 0.5)}. Annotations per minute at concurrency 4 (4 comments ` +
      `at once, parallel 4) ≥ 1.3× concurrency 1: ${formatSummary(annotationGain, 2, "×")}: ` +
      `${verdict(annotationGain, (value) => value >= 1.3)} (4 annotations at once, one comment each: ` +
      `${formatSummary(annotationsAtOnceGain, 2, "×")})`,
  );
  return lines;
}
