import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { BYTES_PER_CPU_THREAD, chooseCpuThreads, measureCpuLoad, pickCpuThreads } from "./cpu-threads.js";

const BIG = 4 * 1024 ** 3;

describe("pickCpuThreads", () => {
  it("gives a 2-core machine one thread, even for a big model on an idle machine", () => {
    expect(pickCpuThreads({ cores: 2, busyElsewhere: 0, modelsInProcess: 1, modelBytes: BIG }).threads).toBe(1);
  });

  it("leaves one core to the rest of the process and gives a big model the others", () => {
    expect(pickCpuThreads({ cores: 8, busyElsewhere: 0, modelsInProcess: 1, modelBytes: BIG }).threads).toBe(7);
  });

  it("does not count cores that other processes keep busy (rounded to whole cores)", () => {
    const pick = (busyElsewhere: number) =>
      pickCpuThreads({ cores: 8, busyElsewhere, modelsInProcess: 1, modelBytes: BIG }).threads;
    expect(pick(3)).toBe(4);
    expect(pick(2.6)).toBe(4);
    expect(pick(2.4)).toBe(5);
    expect(pick(20)).toBe(1);
  });

  it("shares the free cores between the CPU models of this process", () => {
    expect(pickCpuThreads({ cores: 8, busyElsewhere: 0, modelsInProcess: 2, modelBytes: BIG }).threads).toBe(3);
    expect(pickCpuThreads({ cores: 8, busyElsewhere: 0, modelsInProcess: 9, modelBytes: BIG }).threads).toBe(1);
  });

  it("gives a small model one thread per BYTES_PER_CPU_THREAD of weights", () => {
    const pick = (modelBytes: number) =>
      pickCpuThreads({ cores: 64, busyElsewhere: 0, modelsInProcess: 1, modelBytes }).threads;
    // stories260K.gguf: 1.2 MB of weights
    expect(pick(1_185_376)).toBe(1);
    expect(pick(3 * BYTES_PER_CPU_THREAD + 1)).toBe(3);
    expect(pick(Number.POSITIVE_INFINITY)).toBe(63);
  });

  it("says what it measured", () => {
    const choice = pickCpuThreads({ cores: 4, busyElsewhere: 1.2, modelsInProcess: 1, modelBytes: BIG });
    expect(choice.threads).toBe(2);
    expect(choice.reason).toBe(
      "2 of 4 core(s) free (1 left to the rest of this process, about 1.2 busy with other processes), shared by 1 CPU model(s) of this process; the model's weights allow 256 thread(s)",
    );
  });
});

describe("measureCpuLoad and chooseCpuThreads", () => {
  it("measures the cores this process may use and a load within them", async () => {
    const load = await measureCpuLoad(Number.POSITIVE_INFINITY, 50);
    expect(load.cores).toBe(availableParallelism());
    expect(load.busyElsewhere).toBeGreaterThanOrEqual(0);
    expect(load.busyElsewhere).toBeLessThanOrEqual(load.cores);
    expect((await measureCpuLoad(1, 10)).cores).toBe(1);
  });

  it("counts each open model until it is released, so that the next one shares the cores", async () => {
    const first = await chooseCpuThreads(BIG);
    const second = await chooseCpuThreads(BIG);
    try {
      expect(first.modelsInProcess).toBe(1);
      expect(second.modelsInProcess).toBe(2);
    } finally {
      first.release();
      second.release();
    }
    const third = await chooseCpuThreads(BIG);
    third.release();
    expect(third.modelsInProcess).toBe(1);
  });
});
