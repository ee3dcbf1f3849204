// `pnpm bench`: runs every row set of bench/rows/, each case in a fresh child process, repeated; prints one
// markdown table (medians with min–max, ratios to each case's baseline measured in the same repetition) and
// the targets, and writes them with the machine's description to bench/RESULTS.md. It reports; it never
// fails the build: a case that fails is shown as failed and the rest go on.
//
//   node bench/run.mjs [--reps N] [--quick] [--only llamacpp,ceiling,...]
//
// --reps N   repetitions of every case (default 2, which keeps a run under about 20 minutes on 2 cores)
// --quick    a small experiment, one repetition unless --reps says otherwise; writes bench/.cache/RESULTS-quick.md
// --only     row-set ids to run: llamacpp, ceiling, serve, transformers, core, larger, population, scale, analysis,
//            defaults, annotation; writes bench/.cache/RESULTS-only.md, so that a partial run does not replace the full results
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { describeMachine } from "./lib/machine.mjs";
import { CACHE_DIR, ROOT } from "./lib/paths.mjs";
import { resultsTable } from "./lib/report.mjs";
import { runCase } from "./lib/run-case.mjs";
import { checkTargets } from "./lib/targets.mjs";

/**
 * The row sets in the order they run within a repetition (the ceiling's cases run among the llama.cpp rows'
 * cases, see scheduleBlocks). The table lists them by their number.
 */
const ROW_FILES = [
  "llamacpp",
  "ceiling",
  "serve-openai",
  "transformers",
  "core-overhead",
  "larger-model",
  "population",
  "scale",
  "analysis",
  "defaults",
  "annotation",
];

const USAGE = `Usage: node bench/run.mjs [--reps N] [--quick] [--only ID,...]
  --reps N   repetitions of every case (default 2; 1 with --quick)
  --quick    a small experiment; writes bench/.cache/RESULTS-quick.md
  --only     row-set ids to run: llamacpp, ceiling, serve, transformers, core, larger, population, scale,
             analysis, defaults, annotation; writes bench/.cache/RESULTS-only.md`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      reps: { type: "string" },
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const reps = Number(args.reps ?? (args.quick ? 1 : 2));
if (!Number.isInteger(reps) || reps < 1) {
  console.error(`--reps must be a whole number of at least 1, not ${args.reps}`);
  process.exit(2);
}

const startedAt = new Date();
const loadAtStart = loadavg();
const sets = await loadRowSets(args.only?.split(",").map((id) => id.trim()));
for (const { rowSet } of sets) await rowSet.prepare?.();

for (let rep = 1; rep <= reps; rep++) {
  for (const block of scheduleBlocks(sets)) {
    // Every other repetition runs each block in reverse, so that a machine getting busier or quieter during
    // the run does not favour the cases that come first. The first runs forward: the ceiling cases replay
    // the prompts that their framework's first case records.
    const order = rep % 2 === 0 ? [...block].reverse() : block;
    for (const { set, entry } of order) {
      const result = runCase(set.file, entry.spec, { quick: args.quick });
      entry.runs[rep - 1] = result;
      console.error(`[${rep}/${reps}] ${set.rowSet.id} ${entry.spec.id}: ${describeResult(result)}`);
    }
  }
}

const runsOf = (setId, caseId) =>
  sets.find((set) => set.rowSet.id === setId)?.cases.find((entry) => entry.spec.id === caseId)?.runs ?? [];
const table = resultsTable(
  [...sets].sort((a, b) => a.rowSet.number - b.rowSet.number),
  runsOf,
);
const targets = checkTargets(runsOf);
console.log([...table, "", "Targets:", ...targets].join("\n"));

// Only a full run replaces bench/RESULTS.md: a check (--quick) or some row sets (--only) go to the cache.
const output = args.quick
  ? join(CACHE_DIR, "RESULTS-quick.md")
  : args.only
    ? join(CACHE_DIR, "RESULTS-only.md")
    : join(ROOT, "bench/RESULTS.md");
mkdirSync(dirname(output), { recursive: true });
writeFileSync(
  output,
  [
    "# Throughput benchmark results",
    "",
    `Written by \`pnpm bench\` (${reps} repetition${reps === 1 ? "" : "s"} of every case${args.quick ? ", --quick" : ""}${args.only ? `, --only ${args.only}` : ""}). ` +
      "Each cell is the median with the min–max of the repetitions; each ratio is computed per repetition " +
      "against the baseline measured in that repetition. bench/README.md explains every row.",
    "",
    "## Machine",
    "",
    ...describeMachine(startedAt, loadAtStart),
    "",
    "## Results",
    "",
    ...table,
    "",
    "## Targets",
    "",
    ...targets,
    "",
  ].join("\n"),
);
console.error(`Written to ${output}`);

/** Imports the row sets (all, or those named by --only) with an empty list of runs per case. */
async function loadRowSets(only) {
  const loaded = [];
  for (const name of ROW_FILES) {
    const file = join(ROOT, "bench/rows", `${name}.mjs`);
    const { default: rowSet } = await import(new URL(`./rows/${name}.mjs`, import.meta.url).href);
    if (only && !only.includes(rowSet.id)) continue;
    const cases = rowSet.cases({ quick: args.quick }).map((spec) => ({ spec, runs: [] }));
    loaded.push({ rowSet, file, cases });
  }
  return loaded;
}

/**
 * The cases of one repetition in blocks, one block per row set, in ROW_FILES order. A row set with
 * `interleaveWith` (the ceiling) joins its partner's block: each of its cases runs right after the case it is
 * compared with, so that a ratio between the two compares measurements taken a minute apart, not ten.
 */
function scheduleBlocks(loaded) {
  const partnerOf = (set) => loaded.find((other) => other.rowSet.interleaveWith === set.rowSet.id);
  const blocks = [];
  for (const set of loaded) {
    if (loaded.some((other) => other.rowSet.id === set.rowSet.interleaveWith)) continue;
    const partner = partnerOf(set);
    const pending = partner ? [...partner.cases] : [];
    const block = [];
    for (const entry of set.cases) {
      block.push({ set, entry });
      for (const partnerEntry of pending.filter((candidate) => candidate.spec.compare?.case === entry.spec.id)) {
        block.push({ set: partner, entry: partnerEntry });
        pending.splice(pending.indexOf(partnerEntry), 1);
      }
    }
    block.push(...pending.map((entry) => ({ set: partner, entry })));
    blocks.push(block);
  }
  return blocks;
}

function describeResult({ metrics, error }) {
  if (error) return `FAILED: ${error}`;
  const parts = [`${metrics.seconds?.toFixed(1)} s`];
  if (metrics.discussionsPerMinute) parts.push(`${metrics.discussionsPerMinute.toFixed(1)} discussions/min`);
  if (metrics.tokensPerSecond) parts.push(`${metrics.tokensPerSecond.toFixed(0)} tokens/s`);
  return parts.join(", ");
}
