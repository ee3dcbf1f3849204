// Row set 5: what the framework itself costs. It runs core's own benchmark (packages/core/bench/
// experiments.bench.mjs): 10-turn discussions with the scripted model at zero latency, 16 at once, written
// to disk, at several sizes (1,000 discussions and up), each size in its own process, and the disk's own
// ceiling for the same atomic writes.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../lib/paths.mjs";

const CORE_BENCH = join(ROOT, "packages/core/bench/experiments.bench.mjs");

/** A line of the core benchmark's table whose cells are all numbers; the first five are read. */
const NUMERIC_ROW = /^\|(\s*[\d.]+\s*\|){5,}$/;
/** The core benchmark's line on the disk: "Disk ceiling: N files/s ... that is M turns/s ...". */
const DISK_CEILING = /^Disk ceiling: \d+ files\/s .*that is (\d+) turns\/s/m;

function measure() {
  const run = spawnSync(process.execPath, [CORE_BENCH], { cwd: join(ROOT, "packages/core"), encoding: "utf8" });
  // Its table is what counts; it may exit non-zero when its own targets are missed.
  const sizes = (run.stdout ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => NUMERIC_ROW.test(line))
    .map((line) => {
      const [discussions, turns, seconds, , peakRssMb] = line.split("|").slice(1, 6).map(Number);
      return { discussions, turns, seconds, peakRssMb };
    });
  if (sizes.length < 2) {
    throw new Error(`could not read the table of core's benchmark (exit code ${run.status}): ${run.stderr?.trim()}`);
  }
  const [smallest, tenfold] = sizes;
  const largest = sizes.at(-1);
  const turnsPerSecond = Math.min(...sizes.map((size) => size.turns / size.seconds));
  const diskTurnsPerSecond = Number(DISK_CEILING.exec(run.stdout)?.[1]);
  return {
    discussionsPerMinute: (largest.discussions / largest.seconds) * 60,
    turnsPerSecond,
    seconds: sizes.reduce((sum, size) => sum + size.seconds, 0),
    // The measure: the 10,000 run against the 1,000 run.
    rssGrowth: tenfold.peakRssMb / smallest.peakRssMb,
    ...(diskTurnsPerSecond > 0 ? { diskTurnsPerSecond, diskShare: turnsPerSecond / diskTurnsPerSecond } : {}),
  };
}

export default {
  id: "core",
  number: 5,
  title: "core overhead: scripted model at zero latency, concurrency 16",
  cases: () => [{ id: "scripted", label: "discussions of 10 turns, 1,000 and more", params: {} }],
  measure,
};
