import { describe, expect, it } from 'vitest';
import { BitReader, BitsError, BitWriter, readSortedSet, writeSortedSet } from '../../lib/bits';

describe('sorted sets of small hashes, Rice-coded', () => {
  it('read back what was written, for every size and spread', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const sets: number[][] = [];
    for (const universe of [2, 64, 1024, 2 ** 14, 2 ** 16, 2 ** 24]) {
      for (const count of [0, 1, 3, 20, 200]) {
        const values = new Set<number>();
        while (values.size < Math.min(count, universe)) values.add(Math.floor(random() * universe));
        sets.push([universe, ...[...values].sort((a, b) => a - b)]);
      }
    }
    const out = new BitWriter();
    for (const [universe, ...values] of sets) writeSortedSet(out, values, universe!);
    const input = new BitReader(out.finish());
    for (const [universe, ...values] of sets) expect([...readSortedSet(input, universe!)]).toEqual(values);
  });

  it('damaged or cut bytes give a BitsError, never a loop past the end', () => {
    const out = new BitWriter();
    writeSortedSet(out, [3, 900, 40_000], 2 ** 16);
    const bytes = out.finish();
    expect(() => readSortedSet(new BitReader(bytes.subarray(0, 2)), 2 ** 16)).toThrow(BitsError);
    // A count of three, then ones to the end: a gap that never closes.
    const endless = Uint8Array.from([0b00100111, ...new Uint8Array(63).fill(0xff)]);
    expect(() => readSortedSet(new BitReader(endless), 2 ** 16)).toThrow(BitsError);
  });
});
