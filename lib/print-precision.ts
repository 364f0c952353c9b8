/**
 * Sentence prints at reduced precision. The compact build stores a story's
 * content-word keys and word-window shingles as short hashes (14 and 10 bits
 * instead of 32): a page is then compared with such a story after reducing
 * its own hashes the same way, so the same words still meet. What is lost is
 * only chance: two different words sharing 14 bits inside one story's
 * vocabulary (about one page word in 80 against a story of 200 words, and it
 * then counts only if that word is also in the sentence compared).
 */
import { sortedDistinct } from './fingerprint';

export interface PrintPrecision {
  keyBits: number;
  shingleBits: number;
}

/** Spreads a hash's bits (murmur3's finaliser) so that its top bits are as good as any: FNV's are not. */
function spread(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit print hash reduced to `bits` bits. */
function reduceHash(h: number, bits: number): number {
  return spread(h) >>> (32 - bits);
}

/** Hashes reduced, then sorted and distinct (two may fall together), as prints are compared. */
export function reduceAll(hashes: ArrayLike<number>, bits: number): number[] {
  const out = new Array<number>(hashes.length);
  for (let i = 0; i < hashes.length; i++) out[i] = reduceHash(hashes[i]!, bits);
  return sortedDistinct(out);
}

/** What is compared of a page sentence. */
interface PrintsOf {
  keys: readonly number[];
  shingles: readonly number[];
  narrative: readonly number[];
}

const reducedReads = new WeakMap<object, Map<string, unknown>>();

/**
 * A page read with its prints reduced to a precision, made once per page and precision (a page is
 * aligned with up to four stories, usually of one index).
 */
export function atPrecision<T extends { sentences: readonly PrintsOf[]; topic: readonly number[] }>(
  read: T,
  precision: PrintPrecision | undefined,
): T {
  if (!precision) return read;
  const tag = `${precision.keyBits}/${precision.shingleBits}`;
  let byPrecision = reducedReads.get(read);
  if (!byPrecision) reducedReads.set(read, (byPrecision = new Map()));
  let reduced = byPrecision.get(tag) as T | undefined;
  if (!reduced) {
    reduced = {
      ...read,
      sentences: read.sentences.map((s) => ({
        ...s,
        keys: reduceAll(s.keys, precision.keyBits),
        shingles: reduceAll(s.shingles, precision.shingleBits),
        narrative: reduceAll(s.narrative, precision.shingleBits),
      })),
      topic: reduceAll(read.topic, precision.keyBits),
    };
    byPrecision.set(tag, reduced);
  }
  return reduced;
}

/** A set of word keys (a page's translated senses) reduced to a precision. */
export function keysAtPrecision(keys: ReadonlySet<number>, precision: PrintPrecision | undefined): ReadonlySet<number> {
  if (!precision) return keys;
  const out = new Set<number>();
  for (const k of keys) out.add(reduceHash(k, precision.keyBits));
  return out;
}
