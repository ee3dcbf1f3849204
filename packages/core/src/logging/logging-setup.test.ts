import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { getLogger } from "./logger.js";
import { loggingSetup } from "./logging-setup.js";

/** The JSON lines of every log file in a folder, by file name. */
async function logLines(dir: string): Promise<Record<string, Record<string, unknown>[]>> {
  const files: Record<string, Record<string, unknown>[]> = {};
  for (const name of (await readdir(dir)).sort()) {
    const text = await readFile(join(dir, name), "utf8");
    files[name] = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }
  return files;
}

function today(): string {
  const now = new Date();
  const two = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

afterEach(async () => {
  vi.useRealTimers();
  await loggingSetup({ printToTerminal: false, logWarnings: false });
});

describe("loggingSetup", () => {
  it("writes structured JSON lines, named by component, to a daily file in logsDir", async () => {
    const logsDir = join(await freshDir(), "logs");
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir, logWarnings: false });
    getLogger("experiment").info({ unit: "discussion-00001" }, "unit finished");
    const files = await logLines(logsDir);
    expect(Object.keys(files)).toEqual([`syndisco.${today()}.1.log`]);
    expect(Object.values(files)[0]).toEqual([
      {
        level: 30,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        component: "experiment",
        unit: "discussion-00001",
        msg: "unit finished",
      },
    ]);
  });

  it("writes only the chosen level and above", async () => {
    const logsDir = await freshDir();
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir, level: "warn", logWarnings: false });
    const logger = getLogger("model-openai");
    logger.debug("not written");
    logger.info("not written either");
    logger.warn("a retry");
    logger.error("a failure");
    const [lines] = Object.values(await logLines(logsDir));
    expect(lines?.map((line) => [line.level, line.msg])).toEqual([
      [40, "a retry"],
      [50, "a failure"],
    ]);
  });

  it("starts a new file at midnight", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"], now: new Date(2031, 0, 1, 23, 58) });
    const logsDir = await freshDir();
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir, logWarnings: false });
    getLogger("cli").info("before midnight");
    vi.advanceTimersByTime(3 * 60 * 1000);
    await vi.waitFor(async () => expect(await readdir(logsDir)).toHaveLength(2), { interval: 5 });
    getLogger("cli").info("after midnight");
    const files = await logLines(logsDir);
    expect(Object.keys(files)).toEqual(["syndisco.2031-01-01.1.log", "syndisco.2031-01-02.1.log"]);
    expect(files["syndisco.2031-01-01.1.log"]?.map((line) => line.msg)).toEqual(["before midnight"]);
    expect(files["syndisco.2031-01-02.1.log"]?.map((line) => line.msg)).toEqual(["after midnight"]);
  });

  it("lets loggers taken before a reconfiguration follow it, and closes the old file", async () => {
    const logger = getLogger("discussion");
    const first = await freshDir();
    const second = await freshDir();
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir: first, logWarnings: false });
    logger.info("one");
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir: second, logWarnings: false });
    logger.info("two");
    await nextTurn();
    expect(
      Object.values(await logLines(first))
        .flat()
        .map((line) => line.msg),
    ).toEqual(["one"]);
    expect(
      Object.values(await logLines(second))
        .flat()
        .map((line) => line.msg),
    ).toEqual(["two"]);
  });

  it("routes Node.js process warnings into the log", async () => {
    const logsDir = await freshDir();
    await loggingSetup({ printToTerminal: false, writeToFile: true, logsDir });
    process.emitWarning("this API is going away", "DeprecationWarning");
    await vi.waitFor(async () => {
      const lines = Object.values(await logLines(logsDir)).flat();
      expect(lines).toContainEqual(
        expect.objectContaining({ component: "node", warning: "DeprecationWarning", msg: "this API is going away" }),
      );
    });
  });

  it("refuses an unknown level and a log folder that cannot be written", async () => {
    await expect(loggingSetup({ level: "verbose" as "info" })).rejects.toThrow(
      'level: unknown log level "verbose". Use one of trace, debug, info, warn, error, fatal',
    );
    const blocker = join(await freshDir(), "a-file");
    await writeFile(blocker, "");
    await expect(loggingSetup({ writeToFile: true, logsDir: join(blocker, "logs") })).rejects.toThrow(
      `${join(blocker, "logs")}: cannot write log files`,
    );
  });
});
