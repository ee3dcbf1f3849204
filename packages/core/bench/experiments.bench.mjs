// Benchmark of the experiment runner: discussions of 10 turns with the scripted model at zero latency,
// 16 at once, written to disk (the system's temporary folder; set TMPDIR to measure another disk). Each size
// runs in its own child process, so that peak RSS is that run's alone. The live heap after a full garbage
// collection at the end shows what the run kept; peak RSS also holds garbage that V8 had not yet collected.
//
// Every discussion file is written atomically (temporary file, fsync, link), so the disk sets a ceiling: the
// last run writes as many files of the same size the same way, with no model and no discussion, and the table
// reports the experiment's rate as a share of it.
// Run from packages/core after `npx tsup`:  node bench/experiments.bench.mjs
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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
} else if (process.argv[2] === "--disk") {
  await writeFilesOnly(Number(process.argv[3]), Number(process.argv[4]));
} else {
  if (!existsSync(join(dist, "index.js"))) {
    console.error("dist/ is missing: build core first (cd packages/core && npx tsup)");
    process.exit(1);
  }
  const results = SIZES.map((size) => measure(["--child", String(size)]));
  const [small, large] = results;
  const files = SIZES[1];
  const disk = measure(["--disk", String(files), String(Math.round(large.meanFileBytes))]);
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
  const diskFilesPerSecond = disk.files / disk.seconds;
  console.log(
    `\nDisk ceiling: ${Math.round(diskFilesPerSecond)} files/s (${disk.files} atomic writes of ${disk.bytes} bytes, ` +
      `${CONCURRENCY} at once, no model), that is ${Math.round(diskFilesPerSecond * TURNS)} turns/s at ${TURNS} turns ` +
      `per discussion; the slowest run reaches ${(slowest / (diskFilesPerSecond * TURNS)).toFixed(2)} of it.`,
  );
  console.log(
    `\nTargets: at least ${TARGET_TURNS_PER_SECOND} turns/s (slowest run: ${Math.round(slowest)}, ` +
      `${slowest >= TARGET_TURNS_PER_SECOND ? "met" : "NOT met"}); peak RSS of the ${large.discussions} run within ` +
      `${MAX_MEMORY_GROWTH}x the ${small.discussions} run (${growth.toFixed(2)}x, ` +
      `${growth <= MAX_MEMORY_GROWTH ? "met" : "NOT met"}).`,
  );
}

/** Runs one measurement in a child process (so that its peak RSS is its own) and returns what it measured. */
function measure(args) {
  const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`the run ${args.join(" ")} failed (exit code ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1));
}

/** Writes `files` files of `bytes` bytes with the experiments' atomic write, CONCURRENCY at once. */
async function writeFilesOnly(files, bytes) {
  const { writeFileAtomic } = await import(join(dist, "index.js"));
  const text = `${"x".repeat(Math.max(0, bytes - 1))}\n`;
  const outputDir = mkdtempSync(join(tmpdir(), "syndisco-bench-disk-"));
  try {
    let next = 0;
    const startedAt = performance.now();
    const writer = async () => {
      while (next < files) await writeFileAtomic(join(outputDir, `${next++}.json`), text);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, writer));
    const seconds = (performance.now() - startedAt) / 1000;
    console.log(JSON.stringify({ files, bytes, seconds }));
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

/** The mean size of the first files of a folder. */
function meanFileBytes(folder) {
  const sample = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .slice(0, 100);
  return sample.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0) / sample.length;
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
    console.log(
      JSON.stringify({ discussions, turns, seconds, maxRssMb, liveHeapMb, meanFileBytes: meanFileBytes(outputDir) }),
    );
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}
