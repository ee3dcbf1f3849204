/**
 * A Map that holds at most `maxSize` entries: setting a new key when full drops the oldest one. For caches
 * keyed by user data (speaker names), which would otherwise grow for as long as the process runs.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly maxSize: number;

  constructor(maxSize: number) {
    super();
    this.maxSize = maxSize;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.maxSize) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
