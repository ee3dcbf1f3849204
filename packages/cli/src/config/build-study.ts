import {
  type CellFilter,
  InputError,
  type Persona,
  parseCellFilter,
  Study,
  type StudyCell,
  type StudySet,
} from "@syndisco/core";
import { discussionOptions, setupModels } from "./build-discussion.js";
import { applyLevel, baseSetup, type DiscussionSetup } from "./discussion-setup.js";
import type { LoadedConfig } from "./load-config.js";
import { loadPersonaPool } from "./load-personas.js";
import { relocateInputError } from "./relocate-error.js";
import type { StudySection } from "./schema.js";

/** A config's study, with every cell's setup read and checked. */
export interface BuiltStudy {
  study: Study;
  /** Each cell's setup, by cell id. */
  setups: ReadonlyMap<string, DiscussionSetup>;
  /** `--cells`, parsed. */
  filter: CellFilter | undefined;
}

/**
 * Builds the study of a config's `study` section: its design, and each cell's discussion setup (the
 * `discussions` section with the cell's levels applied, files read, persona pools loaded). Loads no model.
 *
 * @param cells - the `--cells` filter, if given.
 * @throws {@link InputError} naming the config, the factor and the level of the first problem.
 */
export async function buildStudy(config: LoadedConfig, cells?: string): Promise<BuiltStudy> {
  const section = config.data.study;
  if (!section) throw new Error("the config has no study section");
  const factors = Object.entries(section.factors).map(([name, levels]) => ({ name, levels: Object.keys(levels) }));
  const setups = new Map<string, DiscussionSetup>();
  const pools = new Map<string, Persona[]>();
  const base = baseSetup(config);
  let study: Study;
  try {
    study = new Study({
      factors,
      sets: studySets(config, section),
      cellModels: (cell) => setupModels(config, setupOf(setups, cell), cell.id),
      cellSetup: (cell, model) =>
        discussionOptions(config, setupOf(setups, cell), poolOf(pools, setupOf(setups, cell)), model, cell.id),
      concurrency: section.concurrency,
      format: config.data.output.format,
      ...(config.data.seed === undefined ? {} : { seed: config.data.seed }),
    });
  } catch (error) {
    if (error instanceof InputError && !error.file) throw relocateInputError(error, config.displayPath, "study");
    throw error;
  }
  for (const cell of study.cells) {
    let setup = base;
    for (const factor of factors) {
      const level = cell.levels[factor.name] as string;
      const setting = section.factors[factor.name]?.[level] ?? {};
      setup = applyLevel(config, setup, setting, `study.factors.${factor.name}.${level}`);
    }
    setups.set(cell.id, setup);
    if (!pools.has(setup.personasField)) {
      pools.set(setup.personasField, await loadPersonaPool(config, setup.personas, setup.personasField, undefined));
    }
  }
  checkCells(config, study, setups, pools);
  const filter = cells === undefined ? undefined : parseCellFilter(cells, factors);
  return { study, setups, filter };
}

/** The sets of the config, or one full crossing with `discussions.count` replicates. */
function studySets(config: LoadedConfig, section: StudySection): StudySet[] {
  const levelsOf = (factor: string) => Object.keys(section.factors[factor] ?? {});
  const choose = (choices: Record<string, "all" | string[]>) =>
    Object.fromEntries(
      Object.entries(choices).map(([factor, levels]) => [factor, levels === "all" ? levelsOf(factor) : levels]),
    );
  if (!section.sets) return [{ name: "main", replicates: config.data.discussions?.count ?? 5 }];
  return Object.entries(section.sets).map(([name, set]) => ({
    name,
    replicates: set.replicates,
    ...(set.cross === undefined
      ? {}
      : {
          cross: Array.isArray(set.cross)
            ? Object.fromEntries(set.cross.map((factor) => [factor, levelsOf(factor)]))
            : choose(set.cross),
        }),
    ...(set.vary === undefined ? {} : { vary: choose(set.vary) }),
  }));
}

/** Every cell needs a model and enough personas; checked before anything is loaded. */
function checkCells(
  config: LoadedConfig,
  study: Study,
  setups: ReadonlyMap<string, DiscussionSetup>,
  pools: ReadonlyMap<string, Persona[]>,
): void {
  for (const cell of study.cells) {
    const setup = setupOf(setups, cell);
    const pool = poolOf(pools, setup);
    if (setup.activeUsers > pool.length) {
      throw new InputError(
        `the cell ${cell.id} asks for ${setup.activeUsers} active users but its personas (${setup.personasField}) number ${pool.length}`,
        { file: config.displayPath, field: "activeUsers", fix: "Lower activeUsers there, or add personas" },
      );
    }
    setupModels(config, setup, cell.id);
  }
}

function setupOf(setups: ReadonlyMap<string, DiscussionSetup>, cell: StudyCell): DiscussionSetup {
  const setup = setups.get(cell.id);
  if (!setup) throw new Error(`no setup for the cell ${cell.id}`);
  return setup;
}

function poolOf(pools: ReadonlyMap<string, Persona[]>, setup: DiscussionSetup): Persona[] {
  return pools.get(setup.personasField) ?? [];
}
