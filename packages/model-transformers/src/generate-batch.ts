import type { PreTrainedModel } from "@huggingface/transformers";
import type { PromptCache } from "./prompt-cache.js";
import { prefillRows } from "./row-prefill.js";
import { createRowStoppingCriteria } from "./row-stopping-criteria.js";
import { type RowLimits, type RowOutcome, RowTracker } from "./row-tracker.js";
import { runSampled } from "./sampling-lock.js";
import type { TokenCodec } from "./token-codec.js";

type TransformersModule = typeof import("@huggingface/transformers");

/** A loaded model with what generation needs around it. */
export interface GenerationRuntime {
  transformers: TransformersModule;
  model: PreTrainedModel;
  codec: TokenCodec;
  /** The id that fills the left padding (masked out, so its value does not matter). */
  padTokenId: number;
  /** Tokens that end a reply. */
  eosTokenIds: ReadonlySet<number>;
  /**
   * Whether a batch evaluates each prompt alone before generating all rows together (see
   * {@link prefillRows}): on the CPU, for models whose cache allows it.
   */
  prefillRowsAlone: boolean;
  /** Keeps each session's prompt cache between calls; only with `prefillRowsAlone`. */
  promptCache: PromptCache | undefined;
}

/** Decoding settings shared by every row of a batch. */
export interface SamplingSettings {
  doSample: boolean;
  temperature?: number | undefined;
  topP?: number | undefined;
  topK?: number | undefined;
  repetitionPenalty?: number | undefined;
}

/** One prompt of a batch. */
export interface RowRequest extends RowLimits {
  promptIds: readonly number[];
  /** The conversation the prompt continues, whose cached prompt beginning it may reuse. */
  sessionKey?: string | undefined;
}

/** How a row ended, and how many of its prompt tokens were evaluated (the rest came from the prompt cache). */
export interface BatchRowOutcome extends RowOutcome {
  evaluatedPromptTokens: number;
}

/**
 * Generates replies to several prompts at once: the prompts are left-padded to one length and masked, so
 * that each row gives what it would give alone. With `runtime.prefillRowsAlone`, each prompt but its last
 * token is first evaluated alone (after the part its session's prompt cache holds) and the batch starts from
 * their joined caches. Each row ends at its own limit or stop string; the batch runs until every row has
 * ended.
 *
 * @param seed - the sampling seed; used only when `sampling.doSample` is set.
 */
export async function generateBatch(
  runtime: GenerationRuntime,
  sampling: SamplingSettings,
  rows: readonly RowRequest[],
  seed: number | undefined,
): Promise<BatchRowOutcome[]> {
  const { transformers, model, codec } = runtime;
  const promptLength = Math.max(...rows.map((row) => row.promptIds.length));
  const { inputIds, attentionMask } = leftPad(rows, promptLength, runtime.padTokenId);
  const trackers = rows.map(
    (row) => new RowTracker(row, runtime.eosTokenIds, (generated) => codec.decodeReply(row.promptIds, generated)),
  );
  const criteria = createRowStoppingCriteria(transformers.StoppingCriteria, trackers, promptLength);
  const shape = [rows.length, promptLength];
  const cachesSessions = runtime.promptCache !== undefined && rows.some((row) => row.sessionKey !== undefined);
  const prefill =
    runtime.prefillRowsAlone && (rows.length > 1 || cachesSessions)
      ? await prefillRows(transformers, model, rows, runtime.promptCache)
      : { cache: undefined, evaluatedTokens: rows.map((row) => row.promptIds.length) };
  const generate = () =>
    model.generate({
      input_ids: new transformers.Tensor("int64", inputIds, shape),
      attention_mask: new transformers.Tensor("int64", attentionMask, shape),
      max_new_tokens: Math.max(...rows.map((row) => row.maxNewTokens)),
      do_sample: sampling.doSample,
      ...samplingArguments(sampling),
      stopping_criteria: criteria,
      // transformers.js then evaluates only the prompt tokens that the cache does not hold: each row's last.
      ...(prefill.cache ? { past_key_values: prefill.cache } : {}),
    });
  await (sampling.doSample ? runSampled(transformers.random, seed, generate) : generate());
  return trackers.map((tracker, row) => ({
    ...tracker.outcome(criteria.generated[row] ?? []),
    evaluatedPromptTokens: prefill.evaluatedTokens[row] ?? 0,
  }));
}

function leftPad(rows: readonly RowRequest[], length: number, padTokenId: number) {
  const inputIds = new BigInt64Array(rows.length * length).fill(BigInt(padTokenId));
  const attentionMask = new BigInt64Array(rows.length * length);
  rows.forEach((row, index) => {
    const start = index * length + (length - row.promptIds.length);
    row.promptIds.forEach((id, offset) => {
      inputIds[start + offset] = BigInt(id);
      attentionMask[start + offset] = 1n;
    });
  });
  return { inputIds, attentionMask };
}

function samplingArguments({ doSample, temperature, topP, topK, repetitionPenalty }: SamplingSettings) {
  return {
    ...(doSample && temperature !== undefined ? { temperature } : {}),
    ...(doSample && topP !== undefined ? { top_p: topP } : {}),
    ...(doSample && topK !== undefined ? { top_k: topK } : {}),
    ...(repetitionPenalty !== undefined ? { repetition_penalty: repetitionPenalty } : {}),
  };
}
