/** The values of a key or value cache: `Float32Array`, or `Uint16Array` for float16 (as ONNX Runtime holds it). */
export type CacheValues = Float32Array | Uint16Array;

/** One row's key or value cache of one layer: `[1, heads, tokens, headDim]`, row-major. */
export interface RowCache {
  values: CacheValues;
  heads: number;
  tokens: number;
  headDim: number;
}

/** The shape of a batch cache: `[rows, heads, pastLength, headDim]`. */
export interface BatchCacheShape {
  heads: number;
  pastLength: number;
  headDim: number;
}

/**
 * Stacks the caches of rows evaluated one at a time into one batch cache, `[rows, heads, pastLength,
 * headDim]`. Each row's tokens go to the end of its row and zeros fill the space before them: the same left
 * padding as the batch's prompts, which the attention mask hides. A row without a cache (`undefined`, a
 * prompt with nothing before its last token) is all padding. A single row that fills the shape is returned
 * as it is, not copied.
 *
 * @throws RangeError when a row's cache does not fit the shape, or the rows hold different value types.
 */
export function leftPadCaches(rows: readonly (RowCache | undefined)[], shape: BatchCacheShape): CacheValues {
  const { heads, pastLength, headDim } = shape;
  const first = rows.find((row) => row !== undefined);
  if (rows.length === 1 && first && first.tokens === pastLength && first.heads === heads && first.headDim === headDim) {
    return first.values;
  }
  const Values = (first?.values.constructor ?? Float32Array) as new (length: number) => CacheValues;
  const batch = new Values(rows.length * heads * pastLength * headDim);
  rows.forEach((row, index) => {
    if (!row) return;
    if (row.heads !== heads || row.headDim !== headDim || row.tokens > pastLength) {
      throw new RangeError(
        `row ${index}: a cache of ${row.heads}×${row.tokens}×${row.headDim} does not fit ${heads}×${pastLength}×${headDim}`,
      );
    }
    if (row.values.constructor !== Values) throw new RangeError(`row ${index}: its cache holds another value type`);
    const headSize = row.tokens * headDim;
    for (let head = 0; head < heads; head += 1) {
      const start = ((index * heads + head) * pastLength + pastLength - row.tokens) * headDim;
      // Both arrays are the same type (checked above), which TypeScript cannot see through the union.
      (batch as Float32Array).set(row.values.subarray(head * headSize, (head + 1) * headSize) as Float32Array, start);
    }
  });
  return batch;
}

/** The first `tokens` tokens of a row's cache: the cache itself when that is all of it, else a copy. */
export function truncateRowCache(cache: RowCache, tokens: number): RowCache {
  if (tokens > cache.tokens) throw new RangeError(`a cache of ${cache.tokens} tokens has no first ${tokens}`);
  if (tokens === cache.tokens) return cache;
  const { heads, headDim } = cache;
  const Values = cache.values.constructor as new (length: number) => CacheValues;
  const values = new Values(heads * tokens * headDim);
  for (let head = 0; head < heads; head += 1) {
    const start = head * cache.tokens * headDim;
    (values as Float32Array).set(
      cache.values.subarray(start, start + tokens * headDim) as Float32Array,
      head * tokens * headDim,
    );
  }
  return { values, heads, tokens, headDim };
}
