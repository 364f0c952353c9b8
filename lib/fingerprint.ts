/**
 * What matching needs of a text, as numbers: the same function runs on the
 * wire text when the index is built and on the page when it is matched, so
 * an index can carry these instead of the text itself. Each paragraph is read
 * once: its words, whether each stands inside a quote, its sentences.
 */
import { BoundedCache } from './bounded-cache';
import { hash32, hashWindows, sentences, STOPWORDS, wordKey, words } from './text';

/** Content-word pairs in order: the order-aware fingerprint that finds candidate stories. */
const FINGERPRINT_WORDS = 2;
/** Word windows for the verbatim test of one sentence against another. */
const EXACT_SHINGLE = 3;
/** Sentences with fewer content words (after removing quotes) say too little to align. */
export const MIN_SENTENCE_KEYS = 4;

export interface SentencePrint {
  /** Index of the paragraph the sentence is in. */
  paragraph: number;
  /** Hashes of the sentence's content-word keys, quotes aside (for the reworded test); distinct, sorted. */
  keys: number[];
  /** Hashes of its word windows, quotes included (for the word-for-word test); distinct, sorted. */
  shingles: number[];
  /**
   * Word windows of its own words, quotes left out; distinct, sorted. Read of pages only (what a
   * page copied of the wire's narrative: quotes are shared by every report that heard the speaker).
   */
  narrative?: number[];
}

const SMALL_SORT = 48;

/**
 * Distinct values, sorted (in place). Sorted prints compare by a merge, with
 * no set to build, and give canonical index bytes; sorted fingerprints are
 * looked up in the postings in order, each search near the last.
 */
export function sortedDistinct(values: number[]): number[] {
  if (values.length > SMALL_SORT) values.sort((a, b) => a - b);
  else {
    // A sentence's prints are a few dozen numbers: insertion sort beats the general sort's overhead.
    for (let i = 1; i < values.length; i++) {
      const v = values[i]!;
      let j = i - 1;
      for (; j >= 0 && values[j]! > v; j--) values[j + 1] = values[j]!;
      values[j + 1] = v;
    }
  }
  let n = 0;
  for (let i = 0; i < values.length; i++) if (n === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  values.length = n;
  return values;
}

/** A word's key hash, cached like its key: every page and every story repeats its words. */
const HASH_CACHE = new BoundedCache<string, number>(200_000);

function wordHash(word: string): number {
  return HASH_CACHE.getOrCompute(word, (w) => hash32(wordKey(w)));
}

export interface ParagraphRead {
  /** Sentences in order, with their text (for display) and prints. */
  sentences: Array<{ text: string; print: SentencePrint }>;
  /** Candidate-retrieval fingerprints: content-word pairs outside quotes, across the paragraph. */
  fingerprints: number[];
}

/**
 * Reads a paragraph once. Quote state runs across its sentences, so in
 * '"We are ready. We will talk," he said.' both sentences of the quote are
 * inside it and "he said" is not. What stands inside double quotes is
 * evidence of the event, not of copying: it counts for the word-for-word
 * test but not for keys or fingerprints.
 */
export function readParagraph(text: string, paragraph: number, withNarrative = false): ParagraphRead {
  let inQuote = false;
  const content: number[] = [];
  const out: ParagraphRead['sentences'] = [];
  for (const sentence of sentences(text)) {
    const all: number[] = [];
    const keys: number[] = [];
    const own: number[] = [];
    sentence.split('"').forEach((segment, i) => {
      if (i > 0) inQuote = !inQuote;
      for (const w of words(segment)) {
        const h = wordHash(w);
        all.push(h);
        if (inQuote) continue;
        own.push(h);
        if (!STOPWORDS.has(w)) {
          keys.push(h);
          content.push(h);
        }
      }
    });
    const print: SentencePrint = {
      paragraph,
      keys: sortedDistinct(keys),
      shingles: sortedDistinct(hashWindows(all, EXACT_SHINGLE)),
    };
    if (withNarrative) print.narrative = sortedDistinct(hashWindows(own, EXACT_SHINGLE));
    out.push({ text: sentence, print });
  }
  return { sentences: out, fingerprints: hashWindows(content, FINGERPRINT_WORDS) };
}

/** All sentences of paragraphs with their prints, and the text's distinct fingerprints (sorted). */
export function readText(paragraphs: readonly string[], withNarrative = false): ParagraphRead {
  const reads = paragraphs.map((p, i) => readParagraph(p, i, withNarrative));
  return {
    sentences: reads.flatMap((r) => r.sentences),
    fingerprints: sortedDistinct(reads.flatMap((r) => r.fingerprints)),
  };
}
