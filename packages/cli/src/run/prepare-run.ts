import { InputError, type Persona } from "@syndisco/core";
import {
  buildAnnotationExperiment,
  buildDiscussionExperiment,
  type ModelLookup,
  modelsUsed,
} from "../config/build-experiments.js";
import type { LoadedConfig } from "../config/load-config.js";
import { loadPersonas } from "../config/load-personas.js";
import { UnloadedModel } from "../config/unloaded-model.js";
import { type PreparedModel, prepareModels } from "../plugins/prepare-models.js";
import { warnUncheckedModel } from "./unchecked-models.js";

/** Which parts of a config a command runs. */
export interface RunParts {
  discussions: boolean;
  annotation: boolean;
}

/** Everything a run needs that can be checked without loading a model or writing a file. */
export interface PreparedRun {
  config: LoadedConfig;
  parts: RunParts;
  /** The persona pool (empty when the discussions are not run). */
  personas: Persona[];
  /** The models the run uses, with plugins loaded and options checked. */
  models: PreparedModel[];
}

/**
 * Checks everything a `run` or `annotate` needs (the config's sections, personas, backends, model files, the
 * experiments' settings) before anything is loaded or written, so that bad input exits early with code 2.
 *
 * @param config - the loaded config, with the command line's overrides applied.
 * @param wanted - `annotation: "required"` for `syndisco annotate`; `"if-configured"` for `syndisco run`.
 * @param mode - `dryRun`: a model whose hub does not answer is reported on stderr instead of failing.
 */
export async function prepareRun(
  config: LoadedConfig,
  wanted: { discussions: boolean; annotation: "required" | "if-configured" | "no" },
  mode: { dryRun?: boolean | undefined } = {},
): Promise<PreparedRun> {
  if (wanted.discussions && !config.data.discussions) {
    throw new InputError("missing; `syndisco run` needs it to know what to generate", {
      file: config.displayPath,
      field: "discussions",
      fix: "Add a discussions section (syndisco init writes an example)",
    });
  }
  if (wanted.annotation === "required" && !config.data.annotation) {
    throw new InputError("missing; `syndisco annotate` needs it to know who annotates", {
      file: config.displayPath,
      field: "annotation",
      fix: "Add an annotation section with a model and annotators (syndisco init writes an example)",
    });
  }
  const parts: RunParts = {
    discussions: wanted.discussions,
    annotation: wanted.annotation !== "no" && config.data.annotation !== undefined,
  };
  const personas = parts.discussions ? await loadPersonas(config) : [];
  const models = await prepareModels(
    config,
    modelsUsed(config, parts),
    mode.dryRun ? { onUnchecked: warnUncheckedModel } : {},
  );
  const run: PreparedRun = { config, parts, personas, models };
  // Building the experiments checks their settings; the models stay unloaded.
  buildExperiments(run, unloadedModels(run));
  return run;
}

/** Builds the experiments of a prepared run over the given models. */
export function buildExperiments(run: PreparedRun, model: ModelLookup) {
  return {
    discussions: run.parts.discussions ? buildDiscussionExperiment(run.config, run.personas, model) : undefined,
    annotation: run.parts.annotation ? buildAnnotationExperiment(run.config, model) : undefined,
  };
}

/** Placeholder models for planning, named as the real ones will be. */
export function unloadedModels(run: Pick<PreparedRun, "config">): ModelLookup {
  const placeholders = new Map<string, UnloadedModel>();
  return (name) => {
    let model = placeholders.get(name);
    if (!model) {
      const options = run.config.data.models[name]?.options ?? {};
      const displayName = [options.name, options.modelName].find((value) => typeof value === "string");
      model = new UnloadedModel((displayName as string | undefined) ?? name);
      placeholders.set(name, model);
    }
    return model;
  };
}
