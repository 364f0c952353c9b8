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
  for (const w of words(text)) if (!STOPWORDS.has(w)) out.push(hash32(wordKey(w)));
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

export function sentencePrint(text: string, paragraph: number): SentencePrint {
  return {
    paragraph,
    keys: distinct(contentHashes(withoutQuotes(text))),
    shingles: distinct(
      hashWindows(
        words(text).map((w) => hash32(wordKey(w))),
        EXACT_SHINGLE,
      ),
    ),
  };
}

/** Sentences of paragraphs in reading order, with the paragraph each is in. */
export function sentenceUnits(paragraphs: readonly string[]): { text: string; paragraph: number }[] {
  return paragraphs.flatMap((p, paragraph) => sentences(p).map((text) => ({ text, paragraph })));
}

/** Distinct candidate fingerprints of a whole text, sorted. */
export function textFingerprints(paragraphs: readonly string[]): number[] {
  return distinct(paragraphs.flatMap(fingerprints));
}
