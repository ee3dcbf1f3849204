import { InputError } from "../errors.js";
import { requireWholeNumber } from "../jobs/validate.js";
import { cellId } from "./cell-id.js";

/** A factor of a study: a named thing that varies between cells, with its named levels. */
export interface StudyFactor {
  name: string;
  /** The level names; the first is the factor's default, which cells outside a set's crossing take. */
  levels: readonly string[];
}

/**
 * One set of cells of a study's design, each cell run `replicates` times.
 *
 * Without `vary`, the set is the full crossing of `cross`. With `vary`, the crossing gives base cells, and
 * the set is every base cell with one factor at a time changed to each of its `vary` levels (an ablation);
 * the base cells themselves are not part of it.
 */
export interface StudySet {
  name: string;
  /**
   * The factors to cross, each with the levels it takes; a factor left out stays at its first level.
   * Default: every factor at every level.
   */
  cross?: Readonly<Record<string, readonly string[]>>;
  /** One factor at a time changes to each of these levels. */
  vary?: Readonly<Record<string, readonly string[]>>;
  /** Discussions per cell. */
  replicates: number;
}

/** One cell of a study: a level of every factor, and how many discussions it runs. */
export interface StudyCell {
  /** Derived from the levels (`factor=level,…` in factor order): stable, readable, a safe folder name. */
  id: string;
  /** The cell's level of each factor, in factor order. */
  levels: Record<string, string>;
  /** Discussions in the cell: the most that any set producing it asks for. */
  replicates: number;
  /** The sets that produce the cell, in design order. */
  sets: string[];
}

// Names go into folder names and `--cells` filters: no separators, nothing a file system refuses.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Every cell of a design, sets in order and cells of a set in crossing order (the last factor varying
 * fastest). A cell that two sets produce is listed once, with the larger number of replicates.
 *
 * @throws {@link InputError} naming the set, the factor and the level when the design names something that
 *   does not exist.
 */
export function expandDesign(factors: readonly StudyFactor[], sets: readonly StudySet[]): StudyCell[] {
  requireFactors(factors);
  if (sets.length === 0) {
    throw new InputError("a study needs at least one set of cells", { field: "sets", fix: "Add a set, e.g. main" });
  }
  const cells = new Map<string, StudyCell>();
  for (const set of sets) {
    requireWholeNumber(set.replicates, `sets.${set.name}.replicates`, 1);
    for (const levels of setLevels(factors, set)) {
      const id = cellId(factors, levels);
      const known = cells.get(id);
      if (known) {
        known.replicates = Math.max(known.replicates, set.replicates);
        if (!known.sets.includes(set.name)) known.sets.push(set.name);
      } else {
        cells.set(id, { id, levels, replicates: set.replicates, sets: [set.name] });
      }
    }
  }
  return [...cells.values()];
}

function* setLevels(factors: readonly StudyFactor[], set: StudySet): Generator<Record<string, string>> {
  const crossed = factors.map((factor) => {
    const chosen = set.cross === undefined ? factor.levels : set.cross[factor.name];
    return chosen === undefined ? [factor.levels[0] as string] : [...chosen];
  });
  checkLevels(factors, set, "cross", set.cross);
  checkLevels(factors, set, "vary", set.vary);
  for (const base of crossing(crossed)) {
    const levels = Object.fromEntries(factors.map((factor, index) => [factor.name, base[index] as string]));
    if (!set.vary) {
      yield levels;
      continue;
    }
    for (const [factor, variations] of Object.entries(set.vary)) {
      for (const level of variations) {
        if (levels[factor] !== level) yield { ...levels, [factor]: level };
      }
    }
  }
}

function* crossing(lists: readonly (readonly string[])[]): Generator<string[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = lists;
  for (const head of first ?? []) for (const tail of crossing(rest)) yield [head, ...tail];
}

function checkLevels(
  factors: readonly StudyFactor[],
  set: StudySet,
  part: "cross" | "vary",
  chosen: Readonly<Record<string, readonly string[]>> | undefined,
): void {
  for (const [name, levels] of Object.entries(chosen ?? {})) {
    const factor = factors.find((candidate) => candidate.name === name);
    const field = `sets.${set.name}.${part}.${name}`;
    if (!factor) {
      throw new InputError(`the set "${set.name}" names the factor "${name}", which does not exist`, {
        field,
        fix: `Use one of the factors: ${factors.map((known) => known.name).join(", ")}`,
      });
    }
    if (levels.length === 0) {
      throw new InputError(`the set "${set.name}" lists no level of "${name}"`, { field, fix: "List one or more" });
    }
    for (const level of levels) {
      if (!factor.levels.includes(level)) {
        throw new InputError(`the factor "${name}" has no level "${level}"`, {
          field,
          fix: `Use one of its levels: ${factor.levels.join(", ")}`,
        });
      }
    }
  }
}

function requireFactors(factors: readonly StudyFactor[]): void {
  if (factors.length === 0) {
    throw new InputError("a study needs at least one factor", { field: "factors", fix: "Add a factor, e.g. model" });
  }
  const seen = new Set<string>();
  for (const factor of factors) {
    requireName(factor.name, `factors.${factor.name}`, "factor");
    if (seen.has(factor.name)) throw new InputError("the factor is defined twice", { field: `factors.${factor.name}` });
    seen.add(factor.name);
    if (factor.levels.length === 0) {
      throw new InputError(`the factor "${factor.name}" has no levels`, {
        field: `factors.${factor.name}`,
        fix: "Give it one or more named levels",
      });
    }
    const levels = new Set<string>();
    for (const level of factor.levels) {
      requireName(level, `factors.${factor.name}.${level}`, "level");
      if (levels.has(level)) {
        throw new InputError(`the level "${level}" of "${factor.name}" is defined twice`, {
          field: `factors.${factor.name}.${level}`,
        });
      }
      levels.add(level);
    }
  }
}

function requireName(name: string, field: string, what: string): void {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new InputError(`${JSON.stringify(name)} is not a valid ${what} name`, {
      field,
      fix: "Use letters, digits, '.', '_' and '-', starting with a letter or digit",
    });
  }
}
