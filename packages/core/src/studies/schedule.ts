/** A group of cells that run while the same models are loaded. */
export interface ModelGroup<Cell> {
  /** The main model of every cell of the group. */
  model: string;
  cells: Cell[];
  /** Every model the group's cells use (the main one first); loaded before the group runs. */
  models: string[];
  /** The models no later group uses, disposed of once the group has run. */
  disposeAfter: string[];
}

/**
 * Orders cells so that each model is loaded once: cells are grouped by their main model (the first of
 * `modelsOf`), groups in the order their models first appear, cells in their own order within a group. A
 * model is disposed of after the last group that uses it, so a big model and the next one are never loaded
 * together unless a cell uses both.
 */
export function scheduleByModel<Cell>(cells: readonly Cell[], modelsOf: (cell: Cell) => string[]): ModelGroup<Cell>[] {
  const groups = new Map<string, ModelGroup<Cell>>();
  for (const cell of cells) {
    const [main, ...others] = modelsOf(cell);
    if (main === undefined) throw new Error("every cell needs a model");
    const group = groups.get(main) ?? { model: main, cells: [], models: [main], disposeAfter: [] };
    groups.set(main, group);
    group.cells.push(cell);
    for (const model of others) if (!group.models.includes(model)) group.models.push(model);
  }
  const ordered = [...groups.values()];
  ordered.forEach((group, index) => {
    const later = new Set(ordered.slice(index + 1).flatMap((next) => next.models));
    group.disposeAfter = group.models.filter((model) => !later.has(model));
  });
  return ordered;
}
