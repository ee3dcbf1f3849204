// The child process of one measurement: `node case-runner.mjs <row-set file> <case JSON>`. It imports the
// row set, runs the one case and prints its metrics as one line after RESULT_MARKER. Every case gets a fresh
// process, so that no two measurements share a heap, a JIT warm-up, a loaded model or a KV cache.
import { pathToFileURL } from "node:url";
import { FULL_WORKLOAD, QUICK_WORKLOAD } from "./workload.mjs";

/** Marks the line of stdout that carries the case's metrics as JSON. */
export const RESULT_MARKER = "@@bench-result ";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [rowFile, caseJson] = process.argv.slice(2);
  const { params, quick } = JSON.parse(caseJson);
  const { default: rowSet } = await import(pathToFileURL(rowFile).href);
  const metrics = await rowSet.measure(params, { quick, workload: quick ? QUICK_WORKLOAD : FULL_WORKLOAD });
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(metrics)}\n`);
  // A backend may keep a worker or a socket alive after it is disposed; the measurement is done.
  process.exit(0);
}
