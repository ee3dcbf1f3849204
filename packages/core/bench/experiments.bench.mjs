// Benchmark of the experiment runner: discussions of 10 turns with the scripted model at zero latency,
// 16 at once, written to disk (the system's temporary folder; set TMPDIR to measure another disk). Each size
// runs in its own child process, so that peak RSS is that run's alone. The live heap after a full garbage
// collection at the end shows what the run kept; peak RSS also holds garbage that V8 had not yet collected.
// Run from packages/core after `npx tsup`:  node bench/experiments.bench.mjs
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The third size shows whether peak memory keeps growing past 10,000.
const SIZES = [1_000, 10_000, 20_000];
const TURNS = 10;
const CONCURRENCY = 16;
const TARGET_TURNS_PER_SECOND = 20_000;
const MAX_MEMORY_GROWTH = 1.2;

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(packageDir, "dist");

if (process.argv[2] === "--child") {
  await runOne(Number(process.argv[3]));
} else {
  if (!existsSync(join(dist, "index.js"))) {
    console.error("dist/ is missing: build core first (cd packages/core && npx tsup)");
    process.exit(1);
  }
  const results = SIZES.map(measure);
  const [small, large] = results;
  const growth = large.maxRssMb / small.maxRssMb;
  console.log(
    `## Experiment runner: ${TURNS}-turn discussions, scripted model at zero latency, concurrency ${CONCURRENCY}\n`,
  );
  console.log("| discussions | turns | seconds | turns/s | peak RSS (MB) | live heap after GC (MB) |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const rate = Math.round(r.turns / r.seconds);
    console.log(
      `| ${r.discussions} | ${r.turns} | ${r.seconds.toFixed(2)} | ${rate} | ${r.maxRssMb.toFixed(1)} | ${r.liveHeapMb.toFixed(1)} |`,
    );
  }
  const slowest = Math.min(...results.map((r) => r.turns / r.seconds));
  console.log(
    `\nTargets: at least ${TARGET_TURNS_PER_SECOND} turns/s (slowest run: ${Math.round(slowest)}, ` +
      `${slowest >= TARGET_TURNS_PER_SECOND ? "met" : "NOT met"}); peak RSS of the ${large.discussions} run within ` +
      `${MAX_MEMORY_GROWTH}x the ${small.discussions} run (${growth.toFixed(2)}x, ` +
      `${growth <= MAX_MEMORY_GROWTH ? "met" : "NOT met"}).`,
  );
}

/** Runs one size in a child process and returns what it measured. */
function measure(discussions) {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), "--child", String(discussions)],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (child.status !== 0) throw new Error(`the ${discussions}-discussion run failed (exit code ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1));
}

async function runOne(discussions) {
  const { Actor, DiscussionExperiment, Persona } = await import(join(dist, "index.js"));
  const { ScriptedModel } = await import(join(dist, "testing.js"));
  const model = new ScriptedModel({
    replies: ["I see your point, but I think we should consider the other side.", "Fair enough. Tell me more."],
    recordCalls: false,
  });
  const users = ["Emma35", "Giannis", "Moderator2", "Lena"].map(
    (username, index) =>
      new Actor({
        model,
        persona: new Persona({ username, age: 20 + index, personality_characteristics: ["curious", "calm"] }),
        context: "You are taking part in an online conversation",
        instructions: "Act like a human would",
      }),
  );
  const outputDir = mkdtempSync(join(tmpdir(), "syndisco-bench-"));
  try {
    const experiment = new DiscussionExperiment({
      users,
      numDiscussions: discussions,
      numTurns: TURNS,
      numActiveUsers: 2,
      seed: 1,
      concurrency: CONCURRENCY,
    });
    let turns = 0;
    const startedAt = performance.now();
    const summary = await experiment.begin({
      outputDir,
      handleSignals: false,
      onProgress: (event) => {
        if (event.type === "turn") turns += 1;
      },
    });
    const seconds = (performance.now() - startedAt) / 1000;
    if (summary.finished !== discussions) throw new Error(`only ${summary.finished} of ${discussions} finished`);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    globalThis.gc();
    const liveHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    console.log(JSON.stringify({ discussions, turns, seconds, maxRssMb, liveHeapMb }));
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}
