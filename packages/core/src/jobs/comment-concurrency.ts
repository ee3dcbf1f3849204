import type { BaseModel } from "../model/base-model.js";

/** The most comments annotated at once by default, for models that serve any number of calls at once. */
const MAX_DEFAULT_COMMENT_CONCURRENCY = 64;

/**
 * How many comments of one discussion an annotation sends at once by default: its share of what the model
 * serves at once (`concurrency`: llama.cpp's `parallel`, transformers.js's `batchSize`, a server's
 * `maxConcurrency`) when `annotationsAtOnce` annotations share it, at least 1. A model that serves one call
 * at a time gets one comment at a time, as before; a llama.cpp model with `parallel: 4` gets four, decoded
 * together in its batches.
 */
export function defaultCommentConcurrency(model: BaseModel, annotationsAtOnce = 1): number {
  const share = Math.floor(model.concurrency / annotationsAtOnce);
  if (!Number.isFinite(share)) return MAX_DEFAULT_COMMENT_CONCURRENCY;
  return Math.min(Math.max(share, 1), MAX_DEFAULT_COMMENT_CONCURRENCY);
}
