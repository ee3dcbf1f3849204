import { defineModelPlugin } from "@syndisco/core";
import { z } from "zod";
import { OpenAIModel } from "./openai-model.js";

const serverUrl = z
  .url({ protocol: /^https?$/, error: "must be an http or https URL, such as http://localhost:8000/v1" })
  // Refused here too, so that a dry run finds it; the message does not repeat the URL, which holds secrets.
  .refine((url) => !URL.canParse(url) || !(new URL(url).username || new URL(url).password), {
    error: "must not hold a user name or password; give the key as apiKey (or OPENAI_API_KEY)",
  });

/** The options a config file may give model `openai`: those of {@link OpenAIModel}, as JSON. */
const optionsSchema = z.strictObject({
  modelName: z.string().min(1, "must name the model the server runs"),
  apiKey: z.string().min(1).optional(),
  baseUrl: z.union([serverUrl, z.array(serverUrl).min(1, "must list at least one server")]).optional(),
  name: z.string().min(1).optional(),
  maxOutTokens: z.int().min(1),
  temperature: z.number().min(0).optional(),
  removeStringList: z.array(z.string()).optional(),
  maxConcurrency: z.int().min(1).optional(),
  timeoutMs: z.number().positive().optional(),
  maxRetries: z.int().min(0).optional(),
  retryDelayMs: z.number().min(0).optional(),
  maxTokensParam: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
  extraBody: z.record(z.string(), z.unknown()).optional(),
  structuredOutputs: z.boolean().optional(),
  promptCacheKey: z.boolean().optional(),
});

/** The validated options of the `openai` plugin. */
export type OpenAIPluginOptions = z.infer<typeof optionsSchema>;

/**
 * The model plugin `openai`: an OpenAI-compatible server (OpenAI, vLLM, llama.cpp's server, Ollama,
 * `syndisco serve`). The API key comes from `OPENAI_API_KEY` unless the config gives `apiKey`.
 */
export const plugin = defineModelPlugin({
  id: "openai",
  description: "An OpenAI-compatible chat completions server: OpenAI, vLLM, llama.cpp server, Ollama, syndisco serve",
  optionsSchema,
  async create(options, { logger }) {
    return new OpenAIModel({ ...options, logger });
  },
});
