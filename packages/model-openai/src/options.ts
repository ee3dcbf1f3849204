import { hideUrlCredentials, InputError, type Logger } from "@syndisco/core";

/** OpenAI's own endpoint, used when neither `baseUrl` nor `OPENAI_BASE_URL` is set. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** Sent as the API key when none is given: local servers (vLLM, llama.cpp, Ollama) accept any key. */
export const PLACEHOLDER_API_KEY = "not-needed";

/** How many stop strings OpenAI accepts; further ones are not sent. */
export const MAX_STOP_STRINGS = 4;

/** The request field that carries the token limit. */
export type MaxTokensParam = "max_tokens" | "max_completion_tokens";

/** Request fields that this package sets itself, so `extraBody` may not hold them. */
const RESERVED_BODY_FIELDS: Readonly<Record<string, string>> = {
  model: "use the modelName option",
  messages: "the messages come from the prompt",
  stream: "this backend reads whole replies, not streams",
  n: "SynDisco reads one choice per request",
  stop: "stop strings come from each prompt",
  temperature: "use the temperature option",
  max_tokens: "use the maxOutTokens option",
  max_completion_tokens: 'use the maxOutTokens option with maxTokensParam: "max_completion_tokens"',
};

/** Options of {@link OpenAIModel}. */
export interface OpenAIModelOptions {
  /** The model the server should run, as the server names it (`gpt-4o-mini`, `meta-llama/Llama-3.1-8B-Instruct`). */
  modelName: string;
  /**
   * The API key, sent as a bearer token. Default: the `OPENAI_API_KEY` environment variable, or a
   * placeholder when that is unset too (local servers accept any key). Never written to files, logs or errors.
   */
  apiKey?: string;
  /**
   * The server's OpenAI-compatible base URL, usually ending in `/v1`; or a list of servers that run the
   * same model, over which requests are spread. Default: `OPENAI_BASE_URL`, or OpenAI's own API.
   */
  baseUrl?: string | readonly string[];
  /** The name written into output files. Default: `modelName`. */
  name?: string;
  /** The most tokens one reply may have. */
  maxOutTokens: number;
  /** Sampling temperature. Default 0, as in SynDisco. */
  temperature?: number;
  /** Strings deleted from every reply. */
  removeStringList?: readonly string[];
  /** How many requests are in flight at once; further prompts wait. Default 8. */
  maxConcurrency?: number;
  /** The longest one request may take, reply body included, in ms. Default 300000 (5 minutes). */
  timeoutMs?: number;
  /**
   * How many times a failed request is sent again (after 429, 5xx, a timeout, a connection error or a
   * malformed reply). Moving on to another server of `baseUrl` does not count. Default 3.
   */
  maxRetries?: number;
  /** The first wait before retrying a failed server, in ms; it doubles with each failure in a row (up to 30 s). Default 500. */
  retryDelayMs?: number;
  /**
   * The request field for the token limit. Default `max_tokens`, which vLLM, llama.cpp's server, Ollama and
   * OpenAI's chat models accept; OpenAI's reasoning models need `max_completion_tokens`.
   */
  maxTokensParam?: MaxTokensParam;
  /** Further request fields sent as they are, for example `{ top_k: 40, seed: 1 }` or `{ top_p: 0.9 }`. */
  extraBody?: Readonly<Record<string, unknown>>;
  /**
   * Whether a prompt's JSON schema (an annotator's answer form) is sent as `response_format` with
   * `type: "json_schema"`, so that the server constrains the reply to it. OpenAI, vLLM, llama.cpp's server and
   * recent Ollama support this; set `false` for a server that answers such requests with an error. The
   * answers are checked either way. Default `true`.
   */
  structuredOutputs?: boolean;
  /**
   * Whether each call's session key (one actor in one discussion) is sent as `prompt_cache_key`. OpenAI uses it
   * to route an actor's requests to where its prompt is cached, and `syndisco serve` to keep an actor on the
   * llama.cpp sequence that holds its prompt. Servers that do not know the field ignore it; set `false` for one
   * that refuses it. Default `true`.
   */
  promptCacheKey?: boolean;
  /** Where retries and failovers are logged. Default: core's logger, component `model-openai`. */
  logger?: Logger;
}

/** The options with defaults applied and checked. */
export interface ResolvedOpenAIOptions {
  modelName: string;
  apiKey: string;
  /** Whether `apiKey` is a real secret (to redact) rather than the placeholder. */
  apiKeyIsSecret: boolean;
  baseUrls: string[];
  temperature: number;
  maxConcurrency: number;
  timeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
  maxTokensParam: MaxTokensParam;
  extraBody: Record<string, unknown>;
  structuredOutputs: boolean;
  promptCacheKey: boolean;
  /** Headers sent with every request besides the key: OpenAI's organization and project, from the environment. */
  headers: Record<string, string>;
}

/**
 * Applies defaults (from `env` where the option names a variable) and checks every option.
 *
 * @throws InputError naming the option and the fix.
 */
export function resolveOpenAIOptions(
  options: OpenAIModelOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedOpenAIOptions {
  if (typeof options.modelName !== "string" || !options.modelName.trim()) {
    throw new InputError("must name the model the server runs", {
      field: "modelName",
      fix: 'Give the server\'s model id, for example "gpt-4o-mini"',
    });
  }
  const baseUrls = resolveBaseUrls(options.baseUrl ?? (env.OPENAI_BASE_URL || OPENAI_BASE_URL));
  const givenKey = options.apiKey ?? (env.OPENAI_API_KEY || undefined);
  if (givenKey !== undefined && !givenKey.trim()) {
    throw new InputError("is empty", { field: "apiKey", fix: "Give the key, or leave apiKey out" });
  }
  if (givenKey === undefined && baseUrls.some((url) => new URL(url).hostname === "api.openai.com")) {
    throw new InputError("OpenAI's API needs an API key", {
      field: "apiKey",
      fix: "Set the OPENAI_API_KEY environment variable (or the apiKey option)",
    });
  }
  return {
    modelName: options.modelName,
    apiKey: givenKey ?? PLACEHOLDER_API_KEY,
    apiKeyIsSecret: givenKey !== undefined,
    baseUrls,
    temperature: checkNumber("temperature", options.temperature ?? 0, { min: 0 }),
    maxConcurrency: checkNumber("maxConcurrency", options.maxConcurrency ?? 8, { min: 1, integer: true }),
    timeoutMs: checkNumber("timeoutMs", options.timeoutMs ?? 300_000, { min: 1 }),
    maxRetries: checkNumber("maxRetries", options.maxRetries ?? 3, { min: 0, integer: true }),
    retryDelayMs: checkNumber("retryDelayMs", options.retryDelayMs ?? 500, { min: 0 }),
    maxTokensParam: checkMaxTokensParam(options.maxTokensParam ?? "max_tokens"),
    extraBody: checkExtraBody(options.extraBody ?? {}),
    structuredOutputs: checkBoolean("structuredOutputs", options.structuredOutputs ?? true),
    promptCacheKey: checkBoolean("promptCacheKey", options.promptCacheKey ?? true),
    headers: openAIAccountHeaders(env),
  };
}

/**
 * The `OpenAI-Organization` and `OpenAI-Project` headers, from `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID` when
 * they are set: an OpenAI account that belongs to several organizations or projects bills the one they name.
 */
function openAIAccountHeaders(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const organization = env.OPENAI_ORG_ID?.trim();
  const project = env.OPENAI_PROJECT_ID?.trim();
  return {
    ...(organization ? { "openai-organization": organization } : {}),
    ...(project ? { "openai-project": project } : {}),
  };
}

function resolveBaseUrls(baseUrl: string | readonly string[]): string[] {
  const list = typeof baseUrl === "string" ? [baseUrl] : [...baseUrl];
  if (list.length === 0) {
    throw new InputError("is an empty list", { field: "baseUrl", fix: "List at least one server URL" });
  }
  const urls = list.map((url, index) => normaliseUrl(url, list.length > 1 ? `baseUrl[${index}]` : "baseUrl"));
  const duplicate = urls.find((url, index) => urls.indexOf(url) !== index);
  if (duplicate) {
    throw new InputError(`lists ${duplicate} twice`, { field: "baseUrl", fix: "List each server once" });
  }
  return urls;
}

function normaliseUrl(url: unknown, field: string): string {
  const fix = 'Give the server\'s OpenAI-compatible base URL, for example "http://localhost:8000/v1"';
  if (typeof url !== "string") throw new InputError("must be a string", { field, fix });
  // A URL is shown without its user name and password, which are secret, whether it parses or not.
  const shown = hideUrlCredentials(url);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new InputError(`"${shown}" is not a URL`, { field, fix });
  }
  if (parsed.username || parsed.password) {
    throw new InputError(`"${shown}" must not hold a user name or password (fetch refuses such URLs)`, {
      field,
      fix: "Remove them from the URL; give the key as apiKey (or OPENAI_API_KEY)",
    });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InputError(`"${shown}" is not an http or https URL`, { field, fix });
  }
  return url.trim().replace(/\/+$/, "");
}

function checkNumber(field: string, value: unknown, { min, integer = false }: { min: number; integer?: boolean }) {
  const kind = integer ? "a whole number" : "a number";
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new InputError(`must be ${kind} of at least ${min}, not ${String(value)}`, { field });
  }
  return value;
}

function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new InputError(`must be true or false, not ${JSON.stringify(value)}`, { field });
}

function checkMaxTokensParam(value: unknown): MaxTokensParam {
  if (value === "max_tokens" || value === "max_completion_tokens") return value;
  throw new InputError(`must be "max_tokens" or "max_completion_tokens", not ${String(value)}`, {
    field: "maxTokensParam",
  });
}

function checkExtraBody(extraBody: unknown): Record<string, unknown> {
  if (typeof extraBody !== "object" || extraBody === null || Array.isArray(extraBody)) {
    throw new InputError("must be an object of request fields", {
      field: "extraBody",
      fix: "Write it as { field: value }, for example { top_k: 40 }",
    });
  }
  for (const key of Object.keys(extraBody)) {
    if (!Object.hasOwn(RESERVED_BODY_FIELDS, key)) continue;
    const reason = RESERVED_BODY_FIELDS[key];
    throw new InputError(`this field is set by the backend (${reason})`, { field: `extraBody.${key}` });
  }
  return { ...extraBody };
}
