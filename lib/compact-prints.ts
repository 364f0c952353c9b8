/**
 * A story's sentence prints as the compact build stores them (schema 2):
 * reduced hashes (print-precision.ts) as Rice-coded sorted sets. Keys are
 * stored once per story (its vocabulary, sorted) and each sentence names
 * its keys by their place in it: a story of 20 sentences has about 110
 * distinct content words for 170 sentence keys. Layout (bits): version
 * count; the vocabulary; per version its sentence count and per sentence
 * the paragraph step, the key places, the shingles.
 */
import { BitReader, BitWriter, readSortedSet, writeSortedSet } from './bits';
import type { SentencePrint } from './fingerprint';
import type { WireText } from './index-schema';
import type { WireSentence, WireVersionIndex } from './match-index';
import { reduceAll, type PrintPrecision } from './print-precision';

/** 16-bit keys: a page word falls on another of a story's ~150 words about once in 400. */
export const COMPACT_PRECISION: PrintPrecision = { keyBits: 16, shingleBits: 12 };

export function encodeCompactPrints(
  versions: ReadonlyArray<readonly SentencePrint[]>,
  precision: PrintPrecision = COMPACT_PRECISION,
): Uint8Array {
  const keyUniverse = 2 ** precision.keyBits;
  const reduced = versions.map((sentences) =>
    sentences.map((s) => ({
      paragraph: s.paragraph,
      keys: reduceAll(s.keys, precision.keyBits),
      shingles: reduceAll(s.shingles, precision.shingleBits),
    })),
  );
  const vocabulary = [...new Set(reduced.flat().flatMap((s) => s.keys))].sort((a, b) => a - b);
  const place = new Map(vocabulary.map((k, i) => [k, i]));
  const out = new BitWriter();
  out.gamma(versions.length);
  writeSortedSet(out, vocabulary, keyUniverse);
  for (const sentences of reduced) {
    out.gamma(sentences.length);
    let paragraph = 0;
    for (const s of sentences) {
      // Paragraphs only grow within a write-through: the step is 0 or 1 almost always.
      out.gamma(s.paragraph - paragraph);
      paragraph = s.paragraph;
      writeSortedSet(
        out,
        s.keys.map((k) => place.get(k)!),
        vocabulary.length,
      );
      writeSortedSet(out, s.shingles, 2 ** precision.shingleBits);
    }
  }
  return out.finish();
}

/** Decodes a story's prints for its write-throughs; throws a BitsError when damaged, 'versions' when they differ. */
export function decodeCompactPrints(
  bytes: Uint8Array,
  from: number,
  to: number,
  wire: readonly WireText[],
  precision: PrintPrecision = COMPACT_PRECISION,
): WireVersionIndex[] | 'versions' {
  const input = new BitReader(bytes, from, to);
  if (input.gamma() !== wire.length) return 'versions';
  const vocabulary = readSortedSet(input, 2 ** precision.keyBits);
  return wire.map((w) => {
    const count = input.gamma();
    const sentences: WireSentence[] = [];
    let paragraph = 0;
    for (let i = 0; i < count; i++) {
      paragraph += input.gamma();
      const places = readSortedSet(input, vocabulary.length);
      const keys = places.map((p) => vocabulary[p]!);
      const shingles = readSortedSet(input, 2 ** precision.shingleBits);
      sentences.push({ text: null, paragraph, keys, shingles });
    }
    return { version: w.version, sentences, precision };
  });
}
