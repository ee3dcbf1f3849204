import { availableParallelism, cpus, loadavg } from "node:os";

/**
 * Weights a thread should have to itself per generated token before one more thread pays. Below this, each
 * thread's share of a matrix product takes about as long as the barrier that waits for the other threads, so
 * more threads only add synchronisation (a 260K-parameter model's matrices are 16 to 44 kB each).
 */
export const BYTES_PER_CPU_THREAD = 16 * 1024 * 1024;

/** How long {@link measureCpuLoad} watches the processor by default. */
const DEFAULT_SAMPLE_MS = 200;

/** What {@link pickCpuThreads} weighs. */
export interface CpuThreadInputs {
  /** Cores this process may use (`os.availableParallelism()`, capped by the physical cores where known). */
  cores: number;
  /** Cores kept busy by other processes, measured just before. */
  busyElsewhere: number;
  /** CPU models open in this process, the one being loaded included; they share the cores. */
  modelsInProcess: number;
  /** Bytes of weights read for each token (the model file's size); `Infinity` when unknown. */
  modelBytes: number;
}

/** The thread count a CPU backend uses, and the measurements behind it (for the debug log). */
export interface CpuThreadChoice extends CpuThreadInputs {
  threads: number;
  /** The measurements in words. */
  reason: string;
}

/**
 * The rule the CPU backends follow when the user gives no thread count. llama.cpp's and ONNX Runtime's
 * worker threads spin at a barrier after every operation until the slowest one arrives, so a single thread
 * that loses its core (to another process, to this process's JavaScript, to another model's threads) stalls
 * all the others: more threads than free cores does not just run slower, it can collapse (on a 2-core
 * machine, 2 threads of a tiny model ran 25 times slower than 1, and 4 made no progress at all). Too few
 * threads costs at most the missing cores' share. So the rule is conservative:
 *
 * - one core is left to the rest of the process (the JavaScript that formats prompts and reads replies);
 * - cores that other processes keep busy are not counted;
 * - what is left is shared between the CPU models open in this process;
 * - a small model gets one thread per {@link BYTES_PER_CPU_THREAD} of weights at most;
 * - and always at least one thread.
 */
export function pickCpuThreads(inputs: CpuThreadInputs): CpuThreadChoice {
  const { cores, busyElsewhere, modelsInProcess, modelBytes } = inputs;
  const reserved = cores > 1 ? 1 : 0;
  const free = Math.max(0, cores - reserved - Math.round(busyElsewhere));
  const perModel = Math.floor(free / Math.max(1, modelsInProcess));
  const bySize = Math.max(1, Math.floor(modelBytes / BYTES_PER_CPU_THREAD));
  const threads = Math.max(1, Math.min(perModel, bySize));
  const reason =
    `${free} of ${cores} core(s) free (${reserved} left to the rest of this process, about ` +
    `${busyElsewhere.toFixed(1)} busy with other processes), shared by ${modelsInProcess} CPU model(s) of this ` +
    `process; the model's weights allow ${Number.isFinite(modelBytes) ? bySize : "any number of"} thread(s)`;
  return { ...inputs, threads, reason };
}

/**
 * Measures the cores this process may use and how busy other processes keep them: the processor's busy time
 * over a short sample minus this process's own, or the load average minus this process's known threads if
 * that is higher (it covers a competitor that happened to pause during the sample).
 */
export async function measureCpuLoad(
  physicalCores: number = Number.POSITIVE_INFINITY,
  sampleMs = DEFAULT_SAMPLE_MS,
): Promise<{ cores: number; busyElsewhere: number }> {
  const cores = Math.max(1, Math.min(availableParallelism(), physicalCores));
  const before = { machine: machineTimes(), own: process.cpuUsage(), at: performance.now() };
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = { machine: machineTimes(), own: process.cpuUsage(), at: performance.now() };
  const wallMs = Math.max(1, after.at - before.at);
  const machineCores = cpus().length || cores;
  const total = after.machine.total - before.machine.total;
  const idle = after.machine.idle - before.machine.idle;
  const machineBusy = total > 0 ? ((total - idle) / total) * machineCores : 0;
  const ownMicros = after.own.user + after.own.system - before.own.user - before.own.system;
  const sampled = machineBusy - ownMicros / 1000 / wallMs;
  const averaged = (loadavg()[0] ?? 0) - threadsInUse();
  return { cores, busyElsewhere: clamp(Math.max(sampled, averaged), 0, cores) };
}

/**
 * Picks the thread count for a CPU model about to be loaded and registers it as open in this process; call
 * `release()` when the model is disposed.
 *
 * @param modelBytes - the weights read per token (the model file's size), `Infinity` when unknown.
 * @param physicalCores - the processor's physical cores where the backend knows them (hyperthreads add
 *   nothing to matrix products).
 */
export async function chooseCpuThreads(
  modelBytes: number,
  physicalCores?: number,
): Promise<CpuThreadChoice & { release(): void }> {
  const load = await measureCpuLoad(physicalCores);
  const choice = pickCpuThreads({ ...load, modelsInProcess: openModels().size + 1, modelBytes });
  return { ...choice, release: registerCpuModel(choice.threads) };
}

/**
 * Counts a CPU model with `threads` threads as open in this process until the returned function is called.
 * Backends that were given a thread count register it too, so that models loaded later share the cores.
 */
export function registerCpuModel(threads: number): () => void {
  const token = Symbol("cpu model");
  openModels().set(token, threads);
  return () => {
    openModels().delete(token);
  };
}

// Kept on globalThis so that the ESM and CommonJS builds of core, if both are loaded, count the same models.
const REGISTRY = Symbol.for("@syndisco/core/cpu-models");

function openModels(): Map<symbol, number> {
  const holder = globalThis as { [REGISTRY]?: Map<symbol, number> };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

function threadsInUse(): number {
  let sum = 0;
  for (const threads of openModels().values()) sum += threads;
  return sum;
}

function machineTimes(): { total: number; idle: number } {
  let total = 0;
  let idle = 0;
  for (const { times } of cpus()) {
    total += times.user + times.nice + times.sys + times.idle + times.irq;
    idle += times.idle;
  }
  return { total, idle };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
