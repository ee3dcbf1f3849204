import { type CellSelection, InputError, type Study } from "@syndisco/core";
import { buildAnnotationExperiment, modelsUsed } from "../config/build-experiments.js";
import { type BuiltStudy, buildStudy } from "../config/build-study.js";
import type { ConfigOverrides, LoadedConfig } from "../config/load-config.js";
import { loadConfig } from "../config/load-config.js";
import { type PreparedModel, prepareModels } from "../plugins/prepare-models.js";
import { unloadedModels } from "./prepare-run.js";
import { warnUncheckedModel } from "./unchecked-models.js";

/** Everything a study run needs that can be checked without loading a model or writing a file. */
export interface PreparedStudyRun {
  config: LoadedConfig;
  study: Study;
  /** The cells the run takes on (`--cells`) and how many discussions of each (`--replicates`). */
  selection: CellSelection;
  /** The models the selected cells and the annotation use, plugins loaded and options checked. */
  models: PreparedModel[];
  /** Whether the config has an annotation section, run over every cell after the discussions. */
  annotate: boolean;
  built: BuiltStudy;
}

/** `--cells` and `--replicates`, and which parts of the study the command runs. */
export interface StudySelectionFlags {
  cells?: string;
  replicates?: number;
  /** `false` for `syndisco annotate`: only the annotation's models are prepared. Default `true`. */
  discussions?: boolean;
  /** A dry run: a model whose hub does not answer is reported on stderr instead of failing. */
  dryRun?: boolean | undefined;
}

/**
 * Loads and checks a study config (its design, every cell's setup and files, the backends and model files of
 * the selected cells) before anything is loaded or written, so that bad input exits early with code 2.
 */
export async function prepareStudyRun(
  configPath: string,
  overrides: ConfigOverrides,
  flags: StudySelectionFlags,
): Promise<PreparedStudyRun> {
  const config = await loadConfig(configPath, overrides);
  if (!config.data.study) throw new Error("the config has no study section");
  const built = await buildStudy(config, flags.cells);
  const selection: CellSelection = {
    ...(built.filter ? { cells: built.filter } : {}),
    ...(flags.replicates === undefined ? {} : { maxReplicates: flags.replicates }),
  };
  const { study } = built;
  const selected = study.select(selection);
  if (selected.length === 0) {
    throw new InputError("no cell of the study matches", {
      file: config.displayPath,
      field: "--cells",
      fix: "Run with --dry-run to see the cells and their levels",
    });
  }
  const used = new Set(flags.discussions === false ? [] : selected.flatMap((cell) => study.cellModels(cell)));
  const annotate = config.data.annotation !== undefined;
  if (annotate) for (const name of modelsUsed(config, { discussions: false, annotation: true })) used.add(name);
  const models = await prepareModels(
    config,
    Object.keys(config.data.models).filter((name) => used.has(name)),
    flags.dryRun ? { onUnchecked: warnUncheckedModel } : {},
  );
  // Building every cell's experiment checks its settings; the models stay unloaded.
  const placeholders = unloadedModels({ config });
  for (const cell of study.cells) study.cellExperiment(cell, placeholders, 0);
  if (annotate) buildAnnotationExperiment(config, placeholders);
  return { config, study, selection, models, annotate, built };
}
