import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { Journal, readJournal } from "./journal.js";

describe("Journal", () => {
  it("appends one JSON line per entry, stamped with the time and the run", async () => {
    const path = join(await freshDir(), "journal.jsonl");
    const journal = Journal.open(path, "run-1");
    journal.append({ event: "unit-started", unit: "u1" });
    // Written at once, not when the journal closes: a crash right now would keep it.
    expect(await readFile(path, "utf8")).toMatch(
      /^\{"time":"[^"]+","run":"run-1","event":"unit-started","unit":"u1"\}\n$/,
    );
    journal.append({ event: "unit-failed", unit: "u1", error: "boom" });
    journal.close();
    const records = await readJournal(path);
    expect(records).toEqual([
      { time: expect.any(String), run: "run-1", event: "unit-started", unit: "u1" },
      { time: expect.any(String), run: "run-1", event: "unit-failed", unit: "u1", error: "boom" },
    ]);
    expect(Number.isNaN(Date.parse(records[0]?.time ?? ""))).toBe(false);
    expect(() => journal.append({ event: "unit-started", unit: "u2" })).toThrow("the journal is closed");
  });

  it("keeps earlier runs' lines and starts a new line after one cut short by a crash", async () => {
    const path = join(await freshDir(), "journal.jsonl");
    await writeFile(path, '{"time":"t","run":"old","event":"unit-started","unit":"u1"}\n{"time":"t","run":"old","ev');
    const journal = Journal.open(path, "new");
    journal.append({ event: "unit-abandoned", unit: "u1" });
    journal.close();
    const records = await readJournal(path);
    expect(records.map((record) => [record.run, record.event])).toEqual([
      ["old", "unit-started"],
      ["new", "unit-abandoned"],
    ]);
  });

  it("reads a missing journal as empty", async () => {
    expect(await readJournal(join(await freshDir(), "none.jsonl"))).toEqual([]);
  });
});
