import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LoadedConfig } from "./load-config.js";
import { readSeedThreads } from "./read-seed-threads.js";

const dir = mkdtempSync(join(tmpdir(), "seed-threads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = { baseDir: dir, displayPath: "study.yaml" } as LoadedConfig;
let files = 0;

/** Writes a CSV into the config's folder and returns its name there. */
function csv(text: string): string {
  const name = `threads-${++files}.csv`;
  writeFileSync(join(dir, name), text);
  return `./${name}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const COLUMNS = { threadColumn: "thread", textColumn: "text", authorColumn: "author" };

describe("readSeedThreads", () => {
  it("makes one thread per thread id, in the order they first appear, each comment by its row's author", () => {
    const file = csv(
      'thread,author,text\ncars,cyclist,Ban cars.\ntips,waiter,Tips are wages.\ncars,nurse,"I work nights, though."\n',
    );
    expect(readSeedThreads(config, { csv: file, ...COLUMNS }, "discussions.seedThreads")).toEqual([
      [
        { name: "cyclist", text: "Ban cars." },
        { name: "nurse", text: "I work nights, though." },
      ],
      [{ name: "waiter", text: "Tips are wages." }],
    ]);
  });

  it("orders each thread's comments by the order column, and leaves authorless comments to the participants", () => {
    const file = csv("\uFEFFposition,thread,text\n2,a,Second.\n1,a,First.\n10,a,Third.\n1,b,Alone.\n");
    const setting = { csv: file, threadColumn: "thread", textColumn: "text", orderColumn: "position" };
    expect(readSeedThreads(config, setting, "seedThreads")).toEqual([["First.", "Second.", "Third."], ["Alone."]]);
  });

  it("names the config, the field of the column at fault, the CSV file and the fix", () => {
    const read =
      (text: string, setting: Record<string, string> = {}) =>
      () =>
        readSeedThreads(config, { csv: csv(text), ...COLUMNS, ...setting }, "study.factors.seeds.real.seedThreads");
    // The error for the next file written: the CSV is shown by its path from the current folder.
    const error = (column: string, problem: string) =>
      new RegExp(
        `^study\\.yaml: study\\.factors\\.seeds\\.real\\.seedThreads\\.${column}: (line \\d+ of |lines \\d+ and \\d+ of )?` +
          `\\S*threads-${files + 1}\\.csv ${escapeRegExp(problem)}`,
      );
    expect(read("thread,author,text\na,b,c\n", { authorColumn: "writer" })).toThrow(
      error(
        "authorColumn",
        'has no column "writer" (its columns: thread, author, text). Name one of its columns, or add the column to the file',
      ),
    );
    expect(read("thread,author,text\n")).toThrow(
      error("csv", "has no threads (no rows below its header). Add one row per seed comment"),
    );
    expect(read("thread,author,text\na,ann,Hi.\na,bob, \n")).toThrow(
      error("textColumn", '(thread "a") has no text. Write the comment, or remove the row'),
    );
    expect(read("thread,author,text\n,ann,Hi.\n")).toThrow(error("threadColumn", "has no thread id"));
    expect(read("thread,author,text\na,,Hi.\n")).toThrow(error("authorColumn", '(thread "a") has no author'));
    expect(read('thread,author,text\na,"ann,Hi.\n')).toThrow(error("csv", "is not a CSV file with a header line"));
    expect(read("thread,author,text,n\na,ann,Hi.,1\na,bob,Yo.,1\n", { orderColumn: "n" })).toThrow(
      error("orderColumn", 'are both at 1 in thread "a"'),
    );
    expect(read("thread,author,text,n\na,ann,Hi.,first\n", { orderColumn: "n" })).toThrow(
      error("orderColumn", '(thread "a") has no number in "n". Write a number'),
    );
  });

  it("names a missing file", () => {
    expect(() => readSeedThreads(config, { csv: "./absent.csv", ...COLUMNS }, "discussions.seedThreads")).toThrow(
      /study\.yaml: discussions\.seedThreads\.csv: cannot read .*absent\.csv \(no such file\)\. Check the path; it is read from the config file's folder/,
    );
  });
});
