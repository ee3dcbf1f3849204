import { type BaseModel, getLogger, InputError } from "@syndisco/core";
import type { LoadedConfig } from "../config/load-config.js";
import { modelError } from "./model-error.js";
import type { PreparedModel } from "./prepare-models.js";

/** The loaded models of a config, by their key under `models`. Dispose it when done. */
export class ModelSet {
  readonly #models: ReadonlyMap<string, BaseModel>;

  constructor(models: ReadonlyMap<string, BaseModel>) {
    this.#models = models;
  }

  /** The model names in config order. */
  get names(): string[] {
    return [...this.#models.keys()];
  }

  /** The model loaded for a key of `models`. */
  get(name: string): BaseModel {
    const model = this.#models.get(name);
    if (!model) throw new Error(`the model "${name}" was not loaded`);
    return model;
  }

  /** Frees every model (native memory, connections). */
  async dispose(): Promise<void> {
    await Promise.allSettled([...this.#models.values()].map((model) => model.dispose()));
  }
}

/**
 * Creates the prepared models one after the other (one instance per `models` entry). If one fails, those
 * already loaded are freed.
 *
 * @throws {@link InputError} naming the model's field when a backend cannot load it.
 */
export async function openModels(prepared: readonly PreparedModel[], config: LoadedConfig): Promise<ModelSet> {
  const models = new Map<string, BaseModel>();
  try {
    for (const { name, loaded, options } of prepared) {
      const context = { baseDir: config.baseDir, logger: getLogger(`model-${loaded.plugin.id}`) };
      try {
        models.set(name, await loaded.plugin.create(options, context));
      } catch (error) {
        // A backend's own InputError names the option; point it at the config or the flag it came from.
        throw modelError(error, config, name, "cannot load the model");
      }
    }
  } catch (error) {
    await new ModelSet(models).dispose();
    throw error;
  }
  return new ModelSet(models);
}
