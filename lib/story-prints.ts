/**
 * A story's sentence prints as one u32 stream, so an index can carry them
 * instead of reading the text again: the compact build stores one per story
 * in its `prints` section, and a learned story's record keeps one beside its
 * text. Layout: version count, then per write-through its sentence count and
 * per sentence: paragraph, key count, keys…, shingle count, shingles….
 */
import type { SentencePrint } from './fingerprint';
import type { WireText } from './index-schema';
import type { WireSentence, WireVersionIndex } from './match-index';

/** One write-through's part of the stream: sentence count, then each sentence. */
export function versionPrints(sentences: readonly SentencePrint[]): number[] {
  const stream: number[] = [sentences.length];
  for (const s of sentences) stream.push(s.paragraph, s.keys.length, ...s.keys, s.shingles.length, ...s.shingles);
  return stream;
}

/** The stream of a story whose write-throughs' parts are given in order. */
export function storyPrints(versions: ReadonlyArray<readonly number[]>): Uint32Array {
  return Uint32Array.from([versions.length, ...versions.flat()]);
}

/** The stream with one more write-through's part at the end (a new write-through of a learned story). */
export function withVersionPrints(prints: Uint32Array, version: readonly number[]): Uint32Array {
  const out = new Uint32Array(prints.length + version.length);
  out.set(prints);
  out.set(version, prints.length);
  out[0] = prints[0]! + 1;
  return out;
}

/** What is wrong with a stream: it ends early, or holds another number of write-throughs than the story. */
export type PrintsProblem = 'truncated' | 'versions';

/**
 * Decodes `prints[from, to)` for a story's write-throughs: views into the stream, no hash copied.
 * `fail` is called (and must throw) when the stream is damaged.
 */
export function decodePrints(
  prints: Uint32Array,
  from: number,
  to: number,
  wire: readonly WireText[],
  fail: (problem: PrintsProblem) => never,
): WireVersionIndex[] {
  let at = from;
  const next = () => (at < to ? prints[at++]! : fail('truncated'));
  const take = (count: number) => {
    if (at + count > to) fail('truncated');
    const out = prints.subarray(at, at + count);
    at += count;
    return out;
  };
  if (next() !== wire.length) fail('versions');
  return wire.map((w) => {
    const sentences: WireSentence[] = [];
    const count = next();
    for (let i = 0; i < count; i++) {
      const paragraph = next();
      const keys = take(next());
      const shingles = take(next());
      sentences.push({ text: null, paragraph, keys, shingles });
    }
    return { version: w.version, sentences };
  });
}
