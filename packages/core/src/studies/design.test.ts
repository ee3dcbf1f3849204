import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { cellId, matchesFilter, parseCellFilter } from "./cell-id.js";
import { expandDesign, type StudyFactor, type StudySet } from "./design.js";
import { scheduleByModel } from "./schedule.js";

// The moderation study of the issue: 6 models × 4 moderation conditions, and ablations of the 18 moderated
// cells that change one thing at a time.
const FACTORS: StudyFactor[] = [
  { name: "model", levels: ["m1", "m2", "m3", "m4", "m5", "m6"] },
  { name: "moderation", levels: ["none", "rules", "facilitation", "community"] },
  { name: "users", levels: ["standard", "minimal", "noTrolls"] },
  { name: "personas", levels: ["full", "noBackground"] },
  { name: "turns", levels: ["weighted", "roundRobin", "uniform"] },
  { name: "seeds", levels: ["on", "off"] },
];
const SETS: StudySet[] = [
  { name: "main", cross: { model: FACTORS[0]?.levels ?? [], moderation: FACTORS[1]?.levels ?? [] }, replicates: 30 },
  {
    name: "ablations",
    cross: { model: FACTORS[0]?.levels ?? [], moderation: ["rules", "facilitation", "community"] },
    vary: {
      users: ["minimal", "noTrolls"],
      personas: ["noBackground"],
      turns: ["roundRobin", "uniform"],
      seeds: ["off"],
    },
    replicates: 10,
  },
];

describe("expandDesign", () => {
  it("gives 24 main cells of 30 and 108 ablation cells of 10, none twice", () => {
    const cells = expandDesign(FACTORS, SETS);
    expect(cells.filter((cell) => cell.sets.includes("main"))).toHaveLength(24);
    expect(cells.filter((cell) => cell.sets.includes("ablations"))).toHaveLength(108);
    expect(new Set(cells.map((cell) => cell.id)).size).toBe(132);
    expect(cells.reduce((sum, cell) => sum + cell.replicates, 0)).toBe(1800);
    const main = cells[0];
    expect(main).toEqual({
      id: "model=m1,moderation=none,users=standard,personas=full,turns=weighted,seeds=on",
      levels: { model: "m1", moderation: "none", users: "standard", personas: "full", turns: "weighted", seeds: "on" },
      replicates: 30,
      sets: ["main"],
    });
    // An ablation changes exactly one factor of a moderated base cell.
    for (const cell of cells.filter((candidate) => candidate.sets.includes("ablations"))) {
      const changed = ["users", "personas", "turns", "seeds"].filter(
        (factor) => cell.levels[factor] !== FACTORS.find((f) => f.name === factor)?.levels[0],
      );
      expect(changed).toHaveLength(1);
      expect(cell.levels.moderation).not.toBe("none");
    }
  });

  it("runs a cell that two sets produce once, with the larger number of replicates", () => {
    const cells = expandDesign(
      [{ name: "a", levels: ["x", "y"] }],
      [
        { name: "first", replicates: 3 },
        { name: "second", cross: { a: ["y"] }, replicates: 5 },
      ],
    );
    expect(cells).toEqual([
      { id: "a=x", levels: { a: "x" }, replicates: 3, sets: ["first"] },
      { id: "a=y", levels: { a: "y" }, replicates: 5, sets: ["first", "second"] },
    ]);
  });

  it("names the set, the factor and the level that do not exist", () => {
    expect(() => expandDesign(FACTORS, [{ name: "main", cross: { colour: ["red"] }, replicates: 1 }])).toThrow(
      'sets.main.cross.colour: the set "main" names the factor "colour", which does not exist',
    );
    expect(() => expandDesign(FACTORS, [{ name: "abl", vary: { seeds: ["maybe"] }, replicates: 1 }])).toThrow(
      'sets.abl.vary.seeds: the factor "seeds" has no level "maybe"',
    );
    expect(() => expandDesign([{ name: "a b", levels: ["x"] }], SETS)).toThrow(InputError);
    expect(() => expandDesign([{ name: "a", levels: ["x=1"] }], [{ name: "s", replicates: 1 }])).toThrow(
      /is not a valid level name/,
    );
  });
});

describe("cell filters", () => {
  const cells = expandDesign(FACTORS, SETS);

  it("keeps the cells with the named levels; a factor named twice keeps either", () => {
    const filter = parseCellFilter("model=m2,moderation=none,moderation=rules", FACTORS);
    const kept = cells.filter((cell) => matchesFilter(cell, filter));
    expect(kept.map((cell) => [cell.levels.model, cell.levels.moderation, cell.replicates])).toEqual([
      ["m2", "none", 30],
      ["m2", "rules", 30],
      ...Array(6).fill(["m2", "rules", 10]),
    ]);
  });

  it("names a factor or level the study does not have", () => {
    expect(() => parseCellFilter("model=m9", FACTORS)).toThrow('--cells: the factor "model" has no level "m9"');
    expect(() => parseCellFilter("size=big", FACTORS)).toThrow('--cells: the study has no factor "size"');
    expect(() => parseCellFilter("model", FACTORS)).toThrow('"model" is not factor=level');
  });

  it("reads ids back as filters", () => {
    const [cell] = cells;
    if (!cell) throw new Error("no cells");
    expect(cellId(FACTORS, cell.levels)).toBe(cell.id);
    expect(cells.filter((other) => matchesFilter(other, parseCellFilter(cell.id, FACTORS)))).toEqual([cell]);
  });
});

describe("scheduleByModel", () => {
  it("groups cells by their main model and disposes of each model after its last group", () => {
    const cells = [
      { id: 1, models: ["big"] },
      { id: 2, models: ["small", "judge"] },
      { id: 3, models: ["big", "judge"] },
      { id: 4, models: ["small"] },
    ];
    const groups = scheduleByModel(cells, (cell) => cell.models);
    expect(
      groups.map((group) => [group.model, group.cells.map((cell) => cell.id), group.models, group.disposeAfter]),
    ).toEqual([
      ["big", [1, 3], ["big", "judge"], ["big"]],
      ["small", [2, 4], ["small", "judge"], ["small", "judge"]],
    ]);
  });
});
