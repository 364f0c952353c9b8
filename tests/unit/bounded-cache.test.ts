import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../lib/bounded-cache';

describe('BoundedCache', () => {
  it('never holds more than its limit, and forgets the oldest set first', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 1); // set again: a is now the newest
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('computes a value once and then returns it from memory', () => {
    const cache = new BoundedCache<string, string>(10);
    let calls = 0;
    const upper = (k: string) => (calls++, k.toUpperCase());
    expect(cache.getOrCompute('x', upper)).toBe('X');
    expect(cache.getOrCompute('x', upper)).toBe('X');
    expect(calls).toBe(1);
  });

  it('refuses a limit that could hold nothing', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});
