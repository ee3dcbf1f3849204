import { InputError } from "../errors.js";
import type { StudyCell, StudyFactor } from "./design.js";

/**
 * A cell's id and folder name: `factor=level` for every factor, in factor order, joined by commas, e.g.
 * `model=qwen7b,moderation=none`. Factor and level names hold no `=` or `,`, so the id reads back unambiguously,
 * and nothing in it needs quoting on any file system.
 */
export function cellId(factors: readonly StudyFactor[], levels: Readonly<Record<string, string>>): string {
  return factors.map((factor) => `${factor.name}=${levels[factor.name]}`).join(",");
}

/** Which levels of which factors a filter keeps; a factor it does not name keeps every level. */
export type CellFilter = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Parses a cell filter such as `model=qwen7b,moderation=none`. Naming a factor twice keeps either level
 * (`model=a,model=b`).
 *
 * @throws {@link InputError} naming the factor or level that the study does not have.
 */
export function parseCellFilter(text: string, factors: readonly StudyFactor[], field = "--cells"): CellFilter {
  const filter = new Map<string, Set<string>>();
  for (const part of text.split(",")) {
    const [factorName, level, ...rest] = part.trim().split("=");
    if (!factorName || level === undefined || rest.length > 0) {
      throw new InputError(`"${part.trim()}" is not factor=level`, {
        field,
        fix: "Write the cells as factor=level pairs joined by commas, e.g. model=qwen7b,moderation=none",
      });
    }
    const factor = factors.find((candidate) => candidate.name === factorName);
    if (!factor) {
      throw new InputError(`the study has no factor "${factorName}"`, {
        field,
        fix: `Use one of: ${factors.map((known) => known.name).join(", ")}`,
      });
    }
    if (!factor.levels.includes(level)) {
      throw new InputError(`the factor "${factorName}" has no level "${level}"`, {
        field,
        fix: `Use one of its levels: ${factor.levels.join(", ")}`,
      });
    }
    const levels = filter.get(factorName) ?? new Set<string>();
    levels.add(level);
    filter.set(factorName, levels);
  }
  return filter;
}

/** Whether a cell has, for every factor the filter names, one of the levels it keeps. */
export function matchesFilter(cell: StudyCell, filter: CellFilter | undefined): boolean {
  if (!filter) return true;
  for (const [factor, levels] of filter) if (!levels.has(cell.levels[factor] ?? "")) return false;
  return true;
}
