import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { writeCsv, writeJsonLines } from "./write-rows.js";

const ROWS = [
  {
    conv_id: "c1",
    user: "Emma35",
    message: 'Hi, all. She said "no"',
    is_moderator: false,
    age: 38,
    traits: ["kind", "calm"],
  },
  { conv_id: "c1", user: "Moderator", message: "Two\nlines", is_moderator: true, age: null, extra: 1.5 },
];

describe("writeCsv", () => {
  it("writes a header of every column in first-seen order, quoting where CSV needs it", async () => {
    const path = join(await freshDir(), "discussions.csv");
    await writeCsv(ROWS, path);
    expect(await readFile(path, "utf8")).toBe(
      [
        "conv_id,user,message,is_moderator,age,traits,extra",
        'c1,Emma35,"Hi, all. She said ""no""",false,38,"[""kind"",""calm""]",',
        'c1,Moderator,"Two\nlines",true,,,1.5',
        "",
      ].join("\n"),
    );
  });

  it("never replaces an existing file", async () => {
    const path = join(await freshDir(), "discussions.csv");
    await writeFile(path, "precious");
    await expect(writeCsv(ROWS, path)).rejects.toThrow(`${path}: the file already exists`);
    expect(await readFile(path, "utf8")).toBe("precious");
  });
});

describe("writeJsonLines", () => {
  it("writes one JSON object per line, lists kept as lists", async () => {
    const path = join(await freshDir(), "discussions.jsonl");
    await writeJsonLines(ROWS, path);
    const text = await readFile(path, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    expect(
      text
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(ROWS);
  });

  it("never replaces an existing file", async () => {
    const path = join(await freshDir(), "rows.jsonl");
    await writeFile(path, "precious");
    await expect(writeJsonLines(ROWS, path)).rejects.toThrow("the file already exists");
    expect(await readFile(path, "utf8")).toBe("precious");
  });
});
