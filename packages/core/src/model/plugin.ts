import type { StandardSchemaV1 } from "@standard-schema/spec";
import { InputError } from "../errors.js";
import type { Logger } from "../logging/logger.js";
import type { BaseModel } from "./base-model.js";

/** What a plugin's factory receives besides its validated options. */
export interface ModelPluginContext {
  /** The folder that relative paths in the options resolve against (the config file's folder). */
  baseDir: string;
  /** A logger for the backend, configured by {@link loggingSetup}. */
  logger: Logger;
}

/**
 * A model backend as a plugin: what the `syndisco` command loads when a config names a model by `id`,
 * package name or file path.
 *
 * `optionsSchema` is any [Standard Schema](https://standardschema.dev) (zod, valibot, arktype…): it
 * validates the options from the config file and turns them into the factory's input.
 */
export interface ModelPlugin<Options = unknown> {
  /** A short id that configs use, for example `llamacpp`. */
  id: string;
  /** One line about what the backend runs. */
  description: string;
  /** Validates the user's options. */
  optionsSchema: StandardSchemaV1<unknown, Options>;
  /** Creates the model; may load weights or open connections. */
  create(options: Options, context: ModelPluginContext): Promise<BaseModel>;
  /**
   * Optional: checks what can be known before any model is created, without loading weights or downloading
   * (that a model file exists and has the right format, that a hub model is cached or can be fetched). The
   * `syndisco` command calls it for every run, dry runs included, so that a dry run rejects what the run would.
   *
   * @throws InputError naming the option (`field`) and the fix; `ModelSourceUnreachableError` when the
   *   check needs a host that does not answer (offline), which a dry run reports and goes past.
   */
  check?(options: Options, context: ModelPluginContext): Promise<void>;
}

/** Declares a model plugin, with its option types inferred from the schema. */
export function defineModelPlugin<Options>(plugin: ModelPlugin<Options>): ModelPlugin<Options> {
  return plugin;
}

/** Whether a value (for example a module's default export) is a model plugin. */
export function isModelPlugin(value: unknown): value is ModelPlugin {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<ModelPlugin>;
  return (
    typeof candidate.id === "string" &&
    typeof candidate.create === "function" &&
    typeof candidate.optionsSchema === "object" &&
    candidate.optionsSchema !== null &&
    "~standard" in candidate.optionsSchema
  );
}

/**
 * Validates `rawOptions` against the plugin's schema. Every problem is listed in one {@link InputError}
 * that names the field, so a config file can be fixed in one go.
 *
 * @param source - where the options came from (a config file), for the error message.
 */
export async function parsePluginOptions<Options>(
  plugin: ModelPlugin<Options>,
  rawOptions: unknown,
  source?: string,
): Promise<Options> {
  const result = await plugin.optionsSchema["~standard"].validate(rawOptions);
  if (!result.issues) return result.value;
  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment)).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new InputError(`invalid options for the "${plugin.id}" model: ${problems.join("; ")}`, {
    ...(source ? { file: source } : {}),
    fix: "Fix these fields of the model's options; the backend's README lists every option",
  });
}
