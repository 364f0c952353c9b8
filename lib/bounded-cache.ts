/**
 * A map that holds at most `limit` entries and forgets the oldest set first
 * (setting a key again makes it the newest). Reading does not reorder: the
 * word caches are read millions of times per second of matching, and a plain
 * Map lookup is what they can afford. Word keys, word hashes, quote words, decoded stories and the
 * background's remembered story positions all repeat from page to page, but a
 * background that lives for days must not grow without bound.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`A bounded cache holds at least one entry (got ${limit}).`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The cached value, or the computed one remembered. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
