import { InputError } from "@syndisco/core";
import { z } from "zod";
import type { LlamaCppModelOptions } from "./options.js";

/**
 * The options a config file may give the `llamacpp` model (all of {@link LlamaCppModelOptions} but the
 * logger), checked strictly: an unknown key is an error, so that a typo does not pass silently.
 */
export const llamaCppOptionsSchema = z.strictObject({
  modelPath: z.string().trim().min(1, "give a GGUF file or a model URI such as hf:owner/repo/file.gguf"),
  name: z.string().trim().min(1, "give the model a non-empty name"),
  maxOutTokens: z.int().min(1),
  removeStringList: z.array(z.string()).optional(),
  cacheDir: z.string().trim().min(1).optional(),
  gpu: z
    .union([z.literal(false), z.enum(["auto", "cuda", "vulkan", "metal"])], {
      error: 'must be false, "auto", "cuda", "vulkan" or "metal"',
    })
    .optional(),
  gpuLayers: z
    .union([z.int().min(0), z.enum(["auto", "max"])], { error: 'must be a number, "auto" or "max"' })
    .optional(),
  contextSize: z.int().min(16).optional(),
  threads: z.int().min(1).optional(),
  parallel: z.int().min(1).optional(),
  flashAttention: z.union([z.boolean(), z.literal("auto")], { error: 'must be true, false or "auto"' }).optional(),
  chatTemplate: z.string().min(1, 'use "auto", "plain", "raw" or a Jinja template').optional(),
  temperature: z.number().min(0).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.int().min(0).optional(),
  repeatPenalty: z.number().gt(0).optional(),
  seed: z.int().min(0).optional(),
  downloadStallTimeoutMs: z.number().positive().optional(),
});

/** The options of {@link llamaCppOptionsSchema}: what a config file gives the plugin. */
export type LlamaCppConfigOptions = z.output<typeof llamaCppOptionsSchema>;

/**
 * Checks the options of {@link LlamaCppModel.load} and lists every problem in one {@link InputError}.
 *
 * @returns the options with strings trimmed, and the logger as given.
 */
export function validateOptions(options: LlamaCppModelOptions): LlamaCppModelOptions {
  const { logger, ...serializable } = options;
  const result = llamaCppOptionsSchema.safeParse(serializable);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new InputError(`invalid LlamaCppModel options: ${problems.join("; ")}`, {
      fix: "Fix these options; the @syndisco/model-llamacpp README lists every option",
    });
  }
  return { ...result.data, ...(logger ? { logger } : {}) };
}
