/**
 * What matching needs of a text, as numbers: the same function runs on the
 * wire text when the index is built and on the page when it is matched, so
 * an index can carry these instead of the text itself.
 */
import { hash32, hashWindows, normalizeText, sentences, STOPWORDS, wordKey, words } from './text';

/** Content-word pairs in order: the order-aware fingerprint that finds candidate stories. */
export const FINGERPRINT_WORDS = 2;
/** Word windows for the verbatim test of one sentence against another. */
export const EXACT_SHINGLE = 3;

/** Text without what stands inside double quotes: shared quotes are evidence of the event, not of copying. */
export function withoutQuotes(text: string): string {
  return normalizeText(text).replace(/"[^"]*("|$)/g, ' ');
}

/** Hashes of the content-word keys of a text, in order. */
function contentHashes(text: string): number[] {
  const out: number[] = [];
  for (const w of words(text)) if (!STOPWORDS.has(w)) out.push(wordHash(w));
  return out;
}

/** Candidate-retrieval fingerprints of a paragraph (quotes aside). */
export function fingerprints(text: string): number[] {
  return hashWindows(contentHashes(withoutQuotes(text)), FINGERPRINT_WORDS);
}

export interface SentencePrint {
  /** Index of the paragraph the sentence is in. */
  paragraph: number;
  /** Hashes of the sentence's content-word keys, quotes aside (for the reworded test). */
  keys: number[];
  /** Hashes of its word windows, quotes included (for the word-for-word test). */
  shingles: number[];
}

/** Sorted distinct values: a canonical form, so index files are reproducible and small. */
function distinct(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A word's key hash, cached like its key: every page and every story repeats its words. */
const HASH_CACHE = new Map<string, number>();
const HASH_CACHE_LIMIT = 200_000;

function wordHash(word: string): number {
  let h = HASH_CACHE.get(word);
  if (h === undefined) {
    if (HASH_CACHE.size >= HASH_CACHE_LIMIT) HASH_CACHE.clear();
    h = hash32(wordKey(word));
    HASH_CACHE.set(word, h);
  }
  return h;
}

/**
 * One pass over the sentence: the text between double quotes alternates with
 * the text outside them (as withoutQuotes cuts it), so the words are read once
 * and each is known to be inside or outside a quote.
 */
export function sentencePrint(text: string, paragraph: number): SentencePrint {
  const all: number[] = [];
  const keys: number[] = [];
  normalizeText(text)
    .split('"')
    .forEach((segment, i) => {
      for (const w of words(segment)) {
        const h = wordHash(w);
        all.push(h);
        if (i % 2 === 0 && !STOPWORDS.has(w)) keys.push(h);
      }
    });
  return { paragraph, keys: distinct(keys), shingles: distinct(hashWindows(all, EXACT_SHINGLE)) };
}

/** Sentences of paragraphs in reading order, with the paragraph each is in. */
export function sentenceUnits(paragraphs: readonly string[]): { text: string; paragraph: number }[] {
  return paragraphs.flatMap((p, paragraph) => sentences(p).map((text) => ({ text, paragraph })));
}

/** Distinct candidate fingerprints of a whole text, sorted. */
export function textFingerprints(paragraphs: readonly string[]): number[] {
  return distinct(paragraphs.flatMap(fingerprints));
}
