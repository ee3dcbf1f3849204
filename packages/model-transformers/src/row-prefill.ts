import type { DynamicCache, PreTrainedModel, Tensor } from "@huggingface/transformers";
import { type CacheValues, leftPadCaches, type RowCache } from "./left-padded-cache.js";
import type { CachedPrefix, PromptCache } from "./prompt-cache.js";

type TransformersModule = typeof import("@huggingface/transformers");

const CACHE_INPUT = /^past_key_values\.\d+\.(key|value)$/u;
const PLAIN_INPUTS = new Set(["input_ids", "attention_mask", "position_ids", "num_logits_to_keep"]);

/** One prompt of a batch to evaluate ahead of generation. */
export interface PrefillRow {
  promptIds: readonly number[];
  /** A row whose signal has aborted is not evaluated: it will be dropped at the first step anyway. */
  signal?: AbortSignal | undefined;
  /** The conversation the prompt continues: its cached beginning is reused, and its cache kept for next time. */
  sessionKey?: string | undefined;
}

/** What {@link prefillRows} did. */
export interface Prefill {
  /** The batch cache to generate from, or `undefined` to generate from the padded prompts as usual. */
  cache: DynamicCache | undefined;
  /** For each row, the prompt tokens evaluated for it (the rest came from the prompt cache). */
  evaluatedTokens: number[];
}

/**
 * Whether a model's prompts can be evaluated one row at a time and their caches joined into one batch: a
 * decoder-only model with a single ONNX session that takes an attention mask and position ids (so that a
 * row's positions do not depend on the padding before it) and whose only state is each layer's past keys
 * and values.
 */
export function supportsRowPrefill(model: PreTrainedModel): boolean {
  const session = model.sessions.model as { inputNames?: readonly string[] } | undefined;
  const inputs = session?.inputNames ?? [];
  const cacheInputs = inputs.filter((name) => !PLAIN_INPUTS.has(name));
  return (
    !model.config.is_encoder_decoder &&
    Object.keys(model.sessions).length === 1 &&
    ["input_ids", "attention_mask", "position_ids"].every((name) => inputs.includes(name)) &&
    cacheInputs.length > 0 &&
    cacheInputs.every((name) => CACHE_INPUT.test(name))
  );
}

/**
 * Evaluates every row's prompt except its last token alone, with no padding, and joins the rows' caches
 * into one left-padded batch cache. Generation then starts from that cache and evaluates only each row's
 * last token as a batch. A row with a `sessionKey` starts from what `promptCache` kept of that session's
 * last prompt, evaluates only the rest, and leaves its own cache there.
 *
 * On the CPU a batch does not make prompt evaluation cheaper per token (it is already one large matrix
 * product per row), while the padding up to the longest prompt adds work; so only the generation steps,
 * where a batch does pay, run as a batch.
 *
 * @returns the batch cache (its length is the longest prompt minus one), or no cache when there is none to
 *   build (every prompt is one token long) or the model returned caches of an unexpected form.
 */
export async function prefillRows(
  transformers: TransformersModule,
  model: PreTrainedModel,
  rows: readonly PrefillRow[],
  promptCache?: PromptCache,
): Promise<Prefill> {
  const evaluatedTokens = rows.map((row) => row.promptIds.length);
  const uncached = { cache: undefined, evaluatedTokens };
  const pastLength = Math.max(...evaluatedTokens) - 1;
  if (pastLength < 1) return uncached;
  const byName = new Map<string, (RowCache | undefined)[]>();
  for (const [index, row] of rows.entries()) {
    const tokens = row.promptIds.length - 1;
    if (tokens < 1 || row.signal?.aborted) continue;
    const ids = row.promptIds.slice(0, tokens);
    const prefix = row.sessionKey === undefined ? undefined : promptCache?.lookup(row.sessionKey, ids);
    const caches = prefix?.tokens === tokens ? prefix.caches : await evaluate(transformers, model, ids, prefix);
    if (!caches) return { ...uncached, evaluatedTokens: rows.map((each) => each.promptIds.length) };
    evaluatedTokens[index] = row.promptIds.length - (prefix?.tokens ?? 0);
    if (row.sessionKey !== undefined) promptCache?.store(row.sessionKey, ids, caches);
    for (const [name, cache] of caches) {
      const column = byName.get(name) ?? rows.map(() => undefined);
      column[index] = cache;
      byName.set(name, column);
    }
  }
  if (byName.size === 0) return uncached;
  const entries: Record<string, Tensor> = {};
  for (const [name, column] of byName) {
    const sample = column.find((cache) => cache !== undefined) as RowCache;
    const shape = { heads: sample.heads, pastLength, headDim: sample.headDim };
    entries[name] = cacheTensor(transformers, leftPadCaches(column, shape), [
      rows.length,
      shape.heads,
      pastLength,
      shape.headDim,
    ]);
  }
  return { cache: new transformers.DynamicCache(entries), evaluatedTokens };
}

/**
 * Runs `ids` through the model alone, after the cached `prefix` of them if there is one, and returns the
 * row's caches for all of `ids`, or `undefined` when the model's outputs are not per-layer keys and values
 * of the expected shape.
 */
async function evaluate(
  transformers: TransformersModule,
  model: PreTrainedModel,
  ids: readonly number[],
  prefix: CachedPrefix | undefined,
): Promise<Map<string, RowCache> | undefined> {
  const start = prefix?.tokens ?? 0;
  const past: Record<string, Tensor> = {};
  for (const [name, cache] of prefix?.caches ?? []) {
    past[name] = cacheTensor(transformers, cache.values, [1, cache.heads, cache.tokens, cache.headDim]);
  }
  const outputs: Record<string, Tensor> = await model.forward({
    input_ids: new transformers.Tensor("int64", BigInt64Array.from(ids.slice(start), BigInt), [1, ids.length - start]),
    // The mask covers the cached tokens too: transformers.js derives the new tokens' positions from it.
    attention_mask: new transformers.Tensor("int64", new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
    ...(prefix ? { past_key_values: new transformers.DynamicCache(past) } : {}),
  });
  const caches = new Map<string, RowCache>();
  for (const [name, tensor] of Object.entries(outputs)) {
    if (!name.startsWith("present")) continue;
    const input = name.replace(/^present/u, "past_key_values");
    const cache = rowCache(tensor, ids.length);
    if (!CACHE_INPUT.test(input) || !cache) return undefined;
    caches.set(input, cache);
  }
  return caches.size > 0 ? caches : undefined;
}

function cacheTensor(transformers: TransformersModule, values: CacheValues, dims: number[]): Tensor {
  return new transformers.Tensor(values instanceof Float32Array ? "float32" : "float16", values, dims);
}

/** A row's cache tensor as {@link leftPadCaches} takes it, or `undefined` when it is not `[1, heads, tokens, dim]` in memory. */
function rowCache(tensor: Tensor, tokens: number): RowCache | undefined {
  const { dims, data } = tensor;
  const values =
    (tensor.type === "float32" && data instanceof Float32Array) ||
    (tensor.type === "float16" && data instanceof Uint16Array)
      ? data
      : undefined;
  if (!values || tensor.location !== "cpu" || dims.length !== 4 || dims[0] !== 1 || dims[2] !== tokens)
    return undefined;
  return { values, heads: dims[1] as number, tokens, headDim: dims[3] as number };
}
