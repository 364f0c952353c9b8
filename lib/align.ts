/**
 * Alignment: each page sentence against the sentences of one write-through,
 * in the wire's order. The evidence every relation rests on (passim aligns
 * passages after finding candidates by rare n-grams; we align sentences).
 */
import { MIN_SENTENCE_KEYS, readText, sortedDistinct } from './fingerprint';
import type { HashList, WireVersionIndex } from './match-index';
import { atPrecision } from './print-precision';

/** Share of a sentence's word windows found in the wire sentence for it to count as wire text. */
export const EXACT_SENTENCE = 0.8;
/** Content-word overlap (Dice) for a sentence to count as a rewording of a wire sentence. */
const REWORDED_SENTENCE = 0.4;
/**
 * Share of a sentence's word windows found in the wire sentence for it to count as copied with
 * edits: a house-style edit ("says" for "said Friday") keeps half its three-word runs, an
 * independent report of the same facts keeps almost none (measured on ../shared/stories-dev:
 * no independent report's sentence reaches 0.4).
 */
export const COPIED_SENTENCE = 0.5;

/** Share of `page`'s hashes found in `wire` (both distinct and sorted). */
function containment(page: HashList, wire: HashList): number {
  return page.length === 0 ? 0 : sharedCount(page, wire) / page.length;
}

/** Positions of a longest strictly increasing subsequence: alignments that keep the wire text's order. */
function increasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const tailAt: number[] = [];
  const prev: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailAt[lo] = i;
    prev[i] = lo > 0 ? tailAt[lo - 1]! : -1;
  });
  const out = new Set<number>();
  let at = tails.length ? tailAt[tails.length - 1]! : -1;
  while (at !== -1) {
    out.add(at);
    at = prev[at]!;
  }
  return out;
}

export interface PageSentence {
  text: string;
  /** Distinct and sorted, as in the index. */
  keys: readonly number[];
  shingles: readonly number[];
  /** Word windows of the sentence's own words, quotes aside: what it can have copied of the wire's narrative. */
  narrative: readonly number[];
}

/** The page's body read once: its sentences with prints (those with enough content words), its fingerprints and what it is about. */
export interface PageRead {
  sentences: PageSentence[];
  fingerprints: number[];
  /** Distinct content keys of its sentences (quotes aside), sorted. */
  topic: number[];
}

export function readPage(body: readonly string[]): PageRead {
  const read = readText(body, true);
  const sentences = read.sentences.filter((s) => s.print.keys.length >= MIN_SENTENCE_KEYS);
  return {
    topic: topicKeys(sentences.map((s) => s.print)),
    sentences: sentences.map(({ text, print }) => ({
      text,
      keys: print.keys,
      shingles: print.shingles,
      narrative: print.narrative ?? [],
    })),
    fingerprints: read.fingerprints,
  };
}

/** The distinct content keys of sentences, sorted: what a text is about, in words. */
function topicKeys(sentences: ReadonlyArray<{ keys: HashList }>): number[] {
  const all: number[] = [];
  for (const s of sentences) for (const k of s.keys) all.push(k);
  return sortedDistinct(all);
}

/** Shared values of two distinct, sorted hash lists (a merge: no set, no allocation). */
function sharedCount(a: HashList, b: HashList): number {
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}

/**
 * Each page sentence's closest wire sentence by content words (Dice), then
 * how much of it is the wire sentence word for word. Sorted prints compare
 * by a merge: for a wire text of a few dozen sentences this costs less than
 * building any lookup structure, and allocates nothing per wire sentence.
 */
export function alignVersion(pageRead: PageRead, version: WireVersionIndex) {
  // A compact index's story holds reduced hashes: the page is compared reduced the same way.
  const read = atPrecision(pageRead, version.precision);
  const page = read.sentences;
  const wire = version.sentences;
  const best = page.map((s) => {
    let top = { index: -1, sim: 0, exact: 0, copied: 0 };
    for (let index = 0; index < wire.length; index++) {
      const keys = wire[index]!.keys;
      // Dice cannot beat the best so far when even full overlap would not.
      const ceiling = (2 * Math.min(s.keys.length, keys.length)) / (s.keys.length + keys.length);
      if (ceiling < top.sim || ceiling < REWORDED_SENTENCE) continue;
      const shared = sharedCount(s.keys, keys);
      if (shared === 0) continue;
      const sim = (2 * shared) / (s.keys.length + keys.length);
      if (sim > top.sim) top = { index, sim, exact: 0, copied: 0 };
    }
    if (top.index >= 0) {
      top.exact = containment(s.shingles, wire[top.index]!.shingles);
      top.copied = sharedCount(s.narrative, wire[top.index]!.shingles);
    }
    return top;
  });
  const candidates = best.map((b, i) => ({ ...b, page: i })).filter((b) => b.sim >= REWORDED_SENTENCE);
  const ordered = increasingRun(candidates.map((c) => c.index));
  const aligned = candidates.filter((_, i) => ordered.has(i));
  const verbatim = aligned.filter((a) => a.exact >= EXACT_SENTENCE).length;
  const wireTopic = topicKeys(wire);
  return {
    /**
     * How much the page and the wire text speak of the same things: Dice of their content words.
     * A page that carries one wire sentence among other stories' text (a list of leads) scores low.
     */
    topic: (2 * sharedCount(read.topic, wireTopic)) / Math.max(1, read.topic.length + wireTopic.length),
    /** Aligned sentences copied word for word or with light edits. */
    copiedSentences: aligned.filter((a) => a.exact >= COPIED_SENTENCE).length,
    /** Three-word runs of the page's own words (quotes aside) found in the wire sentences they align with. */
    copiedRuns: aligned.reduce((sum, a) => sum + a.copied, 0),
    version: version.version,
    /** The write-through's sentences, for the evidence and its coverage. */
    wire,
    verbatim,
    aligned,
    verbatimShare: page.length ? verbatim / page.length : 0,
    rewordedShare: page.length ? aligned.length / page.length : 0,
  };
}

/** One write-through aligned with the page: which page sentences follow which wire sentences, in order. */
export type Alignment = ReturnType<typeof alignVersion>;
