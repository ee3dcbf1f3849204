// What the results were measured on, for bench/RESULTS.md.
import { cpus, freemem, loadavg, release, totalmem, type } from "node:os";

/** CPU model, cores, memory, Node version, OS and the date, as lines of markdown. */
export function describeMachine(startedAt, loadAtStart) {
  const cores = cpus();
  const gib = (bytes) => (bytes / 1024 ** 3).toFixed(1);
  const load = (values) => values.map((value) => value.toFixed(2)).join(", ");
  return [
    `- CPU: ${cores[0]?.model ?? "unknown"}, ${cores.length} cores`,
    `- Memory: ${gib(totalmem())} GiB (${gib(freemem())} GiB free at the end)`,
    `- Node.js ${process.version} on ${type()} ${release()}`,
    `- Date: ${startedAt.toISOString()}`,
    `- Load average (1, 5, 15 min): ${load(loadAtStart)} at the start, ${load(loadavg())} at the end`,
  ];
}
