/**
 * Bit-level coding for the compact index: sorted sets of small hashes as
 * Rice-coded gaps (a sentence's 20 shingle hashes of 12 bits take about 9
 * bits each instead of 32), and counts as Elias-gamma codes. Readers throw
 * a BitsError on damaged input, never loop past the end.
 */

export class BitsError extends Error {
  override name = 'BitsError';
}

/** A Rice quotient longer than this is damage, not data (a gap of 2^20 × 2^k). */
const MAX_UNARY = 1 << 20;

export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  /** Writes the low `count` bits of `value` (count ≤ 24), most significant first. */
  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >>> i) & 1);
      if (++this.used === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  /** Any value below 2^32 (written as two halves). */
  wide(value: number, count: number): void {
    if (count > 24) {
      this.bits(Math.floor(value / 2 ** 24), count - 24);
      this.bits(value % 2 ** 24, 24);
    } else this.bits(value, count);
  }

  /** Elias gamma of value + 1: small counts in a few bits. */
  gamma(value: number): void {
    const v = value + 1;
    const length = Math.floor(Math.log2(v));
    this.bits(0, length);
    this.wide(v, length + 1);
  }

  rice(value: number, k: number): void {
    const quotient = Math.floor(value / 2 ** k);
    for (let i = 0; i < quotient; i++) this.bits(1, 1);
    this.bits(0, 1);
    this.wide(value % 2 ** k, k);
  }

  /** The bytes so far, the last one padded with zeros. */
  finish(): Uint8Array {
    const out = Uint8Array.from(this.used ? [...this.bytes, this.current << (8 - this.used)] : this.bytes);
    return out;
  }
}

export class BitReader {
  private at: number;
  private readonly end: number;

  /** Reads bytes[from, to) bit by bit. */
  constructor(
    private readonly bytes: Uint8Array,
    from = 0,
    to = bytes.length,
  ) {
    this.at = from * 8;
    this.end = to * 8;
  }

  bit(): number {
    if (this.at >= this.end) throw new BitsError('truncated');
    const b = (this.bytes[this.at >>> 3]! >>> (7 - (this.at & 7))) & 1;
    this.at++;
    return b;
  }

  bits(count: number): number {
    let v = 0;
    for (let i = 0; i < count; i++) v = v * 2 + this.bit();
    return v;
  }

  gamma(): number {
    let length = 0;
    while (this.bit() === 0) if (++length > 32) throw new BitsError('bad count');
    return 2 ** length + this.bits(length) - 1;
  }

  rice(k: number): number {
    let quotient = 0;
    while (this.bit() === 1) if (++quotient > MAX_UNARY) throw new BitsError('bad gap');
    return quotient * 2 ** k + this.bits(k);
  }
}

/** The Rice parameter for `count` sorted values spread over [0, universe): about the log of the mean gap. */
function riceParameter(count: number, universe: number): number {
  return Math.max(0, Math.floor(Math.log2(Math.max(1, universe / (count + 1)))));
}

/** Writes distinct sorted values below `universe`: their count, then the gaps. */
export function writeSortedSet(out: BitWriter, values: ArrayLike<number>, universe: number): void {
  out.gamma(values.length);
  const k = riceParameter(values.length, universe);
  let previous = -1;
  for (let i = 0; i < values.length; i++) {
    out.rice(values[i]! - previous - 1, k);
    previous = values[i]!;
  }
}

/** Reads what writeSortedSet wrote; values at or above `universe` are damage. */
export function readSortedSet(input: BitReader, universe: number): Uint32Array {
  const count = input.gamma();
  if (count > universe) throw new BitsError('bad set size');
  const k = riceParameter(count, universe);
  const out = new Uint32Array(count);
  let previous = -1;
  for (let i = 0; i < count; i++) {
    previous = previous + 1 + input.rice(k);
    if (previous >= universe) throw new BitsError('value out of range');
    out[i] = previous;
  }
  return out;
}
