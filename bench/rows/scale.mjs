// Row set 7: many requests in flight over HTTP. The openai backend sends short prompts to local stand-ins
// for GPU servers (bench/lib/latency-server.mjs: every reply after a fixed 500 ms, in its own process), with
// as many requests in flight as the case says, the way an experiment with that concurrency keeps them: each
// of `inFlight` workers sends its next prompt when its last one is answered. With a fixed latency the ideal
// is inFlight ÷ 0.5 s requests per second; what falls short of it is the client's own cost. The failover case
// kills one of two servers (SIGKILL) once half of the requests are answered.

import { startLatencyServer } from "../lib/latency-server.mjs";
import { importPackage } from "../lib/paths.mjs";

const LATENCY_MS = 500;

async function measure({ servers: serverCount, inFlight, rounds, killHalfway = false }, { quick }) {
  const core = await importPackage("core");
  const { OpenAIModel } = await importPackage("model-openai");
  // A failover logs a warning per retried request; the counts below say what happened.
  await core.loggingSetup({ printToTerminal: false, logWarnings: false });
  const servers = await Promise.all(Array.from({ length: serverCount }, () => startLatencyServer(LATENCY_MS)));
  const total = inFlight * (quick ? 2 : rounds);
  const model = new OpenAIModel({
    modelName: "latency",
    baseUrl: servers.map((server) => server.url),
    maxOutTokens: 8,
    maxConcurrency: inFlight,
  });
  const messages = [{ role: "user", content: "User Alex posted:\nWhat do you think of the new park?" }];
  try {
    // Loads the SDK and the HTTP client, as the first prompt of any experiment does.
    await model.prompt(messages);
    const rssBefore = process.memoryUsage().rss;
    let started = 0;
    let answered = 0;
    let lost = 0;
    let killed;
    let peakRssAtHalf;
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const worker = async () => {
      while (started < total) {
        started += 1;
        try {
          await model.prompt(messages);
          answered += 1;
        } catch {
          lost += 1;
        }
        if (answered + lost === Math.floor(total / 2)) {
          peakRssAtHalf = process.resourceUsage().maxRSS * 1024;
          if (killHalfway) killed = killLast(servers, answered);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const survivors = await Promise.all(servers.slice(0, killHalfway ? -1 : undefined).map((server) => server.stats()));
    const requestsPerSecond = answered / seconds;
    const ideal = inFlight / (LATENCY_MS / 1000);
    const atKill = killed ? await killed : undefined;
    return {
      seconds,
      requests: total,
      answered,
      lost,
      requestsPerSecond,
      idealShare: requestsPerSecond / ideal,
      cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / total,
      peakRssMb: peakRss / 2 ** 20,
      rssPerInFlightKb: (peakRss - rssBefore) / 1024 / inFlight,
      rssGrowthSecondHalf: peakRssAtHalf ? peakRss / peakRssAtHalf : undefined,
      connections: survivors.reduce((sum, stats) => sum + stats.connections, 0),
      ...(atKill
        ? {
            answeredAtKill: atKill.answered,
            survivorRequestsAfterKill: survivors[0].requests - atKill.survivorRequests,
          }
        : {}),
    };
  } finally {
    await model.dispose();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Kills the last server as a crash would, noting how far the run was and what the first server had served. */
async function killLast(servers, answered) {
  const survivorRequests = (await servers[0].stats()).requests;
  await servers.at(-1).kill();
  return { answered, survivorRequests };
}

export default {
  id: "scale",
  number: 8,
  title: "openai backend, many requests in flight (local servers answering after 500 ms)",
  cases: () => [
    { id: "f256", label: "256 in flight, 1 server", params: { servers: 1, inFlight: 256, rounds: 10 } },
    { id: "f1000", label: "1,000 in flight, 1 server", params: { servers: 1, inFlight: 1000, rounds: 5 } },
    {
      id: "kill",
      label: "256 in flight, 2 servers, one killed halfway",
      params: { servers: 2, inFlight: 256, rounds: 10, killHalfway: true },
    },
  ],
  measure,
  /** The notes of a case, from the summaries of its metrics (`metric(name)`). */
  notes(metric, format) {
    const found = [];
    const rate = metric("requestsPerSecond");
    if (rate)
      found.push(`${format.summary(rate, 0)} requests/s, ${format.summary(metric("idealShare"), 2)} of the ideal`);
    if (metric("lost"))
      found.push(`lost ${format.summary(metric("lost"), 0)} of ${format.summary(metric("requests"), 0)}`);
    if (metric("survivorRequestsAfterKill")) {
      found.push(
        `killed after ${format.summary(metric("answeredAtKill"), 0)} answers; the other then served ` +
          `${format.summary(metric("survivorRequestsAfterKill"), 0)}`,
      );
    }
    if (metric("cpuMsPerRequest")) found.push(`client CPU ${format.summary(metric("cpuMsPerRequest"), 2)} ms/request`);
    if (metric("peakRssMb")) {
      found.push(
        `peak RSS ${format.summary(metric("peakRssMb"), 0)} MB (${format.summary(metric("rssPerInFlightKb"), 0)} KB ` +
          `per request in flight; ×${format.summary(metric("rssGrowthSecondHalf"), 2)} over the second half)`,
      );
    }
    if (metric("connections")) found.push(`${format.summary(metric("connections"), 0)} connections opened`);
    return found;
  },
};
