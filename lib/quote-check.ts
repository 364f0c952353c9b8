/**
 * A page's quotes against a story's original quotes: which original each is a
 * version of, how faithfully (exact, minor, altered), and the word diff.
 * Quotes mutate as they spread (MemeTracker): spelling variants of a name
 * ("Grouchko"/"Grushko") and house spellings ("defence"/"defense") are minor,
 * a changed content word alters the quote.
 */
import { diffArrays } from 'diff';
import { BoundedCache } from './bounded-cache';
import type { StoryQuote } from './index-schema';
import { markQuote, type QuoteMarks } from './quote-marks';
import type { Quote } from './quotes';
import { STOPWORDS, wordKey, words } from './text';

/** A page quote whose content words mostly appear in an original is a version of it. */
const QUOTE_MATCH = 0.5;
/** A page quote matches an original only if at least this many of its content words are in it. */
const MIN_SHARED_QUOTE_WORDS = 2;
/** Letters two spellings of a word (or a surname) share, as a share of the longer one. */
const SPELLING_SIMILARITY = 0.7;

/**
 * How a page quote stands to its original. `translated`: a quote on a page in another language
 * whose words, through a word list, stand for the original's; a translation is never `exact`,
 * and its wording cannot be diffed word by word against the original's language.
 */
export type Fidelity = 'exact' | 'minor' | 'altered' | 'translated' | 'unmatched';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A change of the diff library as shown: what it is and its text. */
export function diffPart(change: { added?: boolean; removed?: boolean }, text: string): DiffPart {
  return { kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text };
}

export interface QuoteCheck {
  text: string;
  speaker: string | null;
  original: string | null;
  originalSpeaker: string | null;
  originalRole: string | null;
  fidelity: Fidelity;
  /** The page names a different person than the original for these words. */
  speakerDiffers: boolean;
  /** Word diff from the original wording to the page's (empty when unmatched). */
  diff: DiffPart[];
  /** Both wordings as written, the changed words marked (a matched quote in the page's own language). */
  marks?: QuoteMarks;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Words the same but for spelling: "Grouchko"/"Grushko", "defence"/"defense", "neutralise"/"neutralize". */
function nearSpelling(a: string, b: string): boolean {
  if (wordKey(a) === wordKey(b)) return true;
  const longest = Math.max(a.length, b.length);
  return longest >= 5 && 1 - editDistance(a, b) / longest >= SPELLING_SIMILARITY;
}

function sameSpeaker(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const surname = (s: string) => s.toLowerCase().split(' ').pop() ?? '';
  return nearSpelling(surname(a), surname(b));
}

/** A quote's words, computed once per quote text. */
interface QuoteWords {
  words: string[];
  keys: Set<string>;
  /** Content words (no function words) and their keys, in order. */
  content: string[];
  contentKeys: string[];
  /** Words by first letter, built when first needed: spelling variants keep it ("Grouchko"/"Grushko"), so only these are compared letter by letter. */
  byInitial: Map<string, string[]> | null;
}
const QUOTE_WORDS_CACHE = new BoundedCache<string, QuoteWords>(20_000);

function quoteWords(text: string): QuoteWords {
  return QUOTE_WORDS_CACHE.getOrCompute(text, () => {
    const ws = words(text);
    const content = ws.filter((w) => !STOPWORDS.has(w));
    return { words: ws, keys: new Set(ws.map(wordKey)), content, contentKeys: content.map(wordKey), byInitial: null };
  });
}

function wordsByInitial(quote: QuoteWords): Map<string, string[]> {
  if (!quote.byInitial) {
    quote.byInitial = new Map();
    for (const w of quote.words) {
      const list = quote.byInitial.get(w[0]!);
      if (list) list.push(w);
      else quote.byInitial.set(w[0]!, [w]);
    }
  }
  return quote.byInitial;
}

/** Whether two words with the same first letter can be spelling variants at all: edit distance is at least their length difference. */
function lengthsAllow(a: string, b: string): boolean {
  const longest = Math.max(a.length, b.length);
  return longest >= 5 && Math.abs(a.length - b.length) <= (1 - SPELLING_SIMILARITY) * longest;
}

/** Content words of a page quote an original needs, at least, to be a version of it. */
function wordsNeeded(page: QuoteWords): number {
  return Math.max(MIN_SHARED_QUOTE_WORDS, QUOTE_MATCH * page.contentKeys.length);
}

/** How many of the page quote's content words are in the original as they stand (spelling folds included). */
function contentWordsFound(page: QuoteWords, original: QuoteWords): number {
  let shared = 0;
  for (const k of page.contentKeys) if (original.keys.has(k)) shared++;
  return shared;
}

/** Share of the page quote's content words found (allowing spelling variants) in the original. */
function quoteOverlap(page: QuoteWords, original: QuoteWords): number {
  const total = page.content.length;
  const needed = wordsNeeded(page);
  const exact = contentWordsFound(page, original);
  // No word in common at all: not a version of it (and no edit distances to compute).
  if (exact === 0) return 0;
  let found = exact;
  for (let i = 0; i < total && found < total; i++) {
    if (original.keys.has(page.contentKeys[i]!)) continue;
    // Even if every word left were a spelling variant, too few would be found: stop.
    if (found + (total - i) < needed) return 0;
    const w = page.content[i]!;
    if (
      wordsByInitial(original)
        .get(w[0]!)
        ?.some((o) => lengthsAllow(w, o) && nearSpelling(w, o))
    )
      found++;
  }
  // "dangerous to speculate" shares one word with a Grushko quote: not a version of it.
  if (found < needed) return 0;
  return found / total;
}

/**
 * Fidelity of a page quote to its original. Only the part of the original the
 * page quotes is compared (quoting half a sentence is not a change). Changes
 * of function words or spelling are minor; any changed content word alters it.
 */
export function compareQuote(pageText: string, original: string): { fidelity: Fidelity; diff: DiffPart[] } {
  const pageWords = words(pageText);
  const originalWords = words(original);
  // Quoted as said, word for word (most quotes of a copy): nothing to diff.
  if (
    pageWords.length > 0 &&
    pageWords.length === originalWords.length &&
    pageWords.every((w, i) => w === originalWords[i])
  )
    return { fidelity: 'exact', diff: [{ kind: 'same', text: pageWords.join(' ') }] };
  const changes = diffArrays(originalWords, pageWords);
  while (changes.length && changes[0]!.removed) changes.shift();
  while (changes.length && changes[changes.length - 1]!.removed) changes.pop();
  const removed = changes.filter((c) => c.removed).flatMap((c) => c.value);
  const added = changes.filter((c) => c.added).flatMap((c) => c.value);
  const spellingsOnly = removed.length === added.length && removed.every((w, i) => nearSpelling(w, added[i]!));
  const changedContent = [...removed, ...added].some((w) => !STOPWORDS.has(w));
  const fidelity: Fidelity =
    removed.length + added.length === 0 ? 'exact' : spellingsOnly || !changedContent ? 'minor' : 'altered';
  const diff = changes.map((c) => diffPart(c, c.value.join(' ')));
  return { fidelity, diff };
}

/** Checks each page quote against the story's original quotes. */
export function checkQuotes(pageQuotes: readonly Quote[], originals: readonly StoryQuote[]): QuoteCheck[] {
  return pageQuotes.map((q) => {
    const pageWords = quoteWords(q.text);
    let best: { quote: StoryQuote; overlap: number } | null = null;
    for (const original of originals) {
      // The same words as an original: no other can be closer.
      if (original.text === q.text) {
        best = { quote: original, overlap: 1 };
        break;
      }
      const overlap = quoteOverlap(pageWords, quoteWords(original.text));
      if (overlap >= QUOTE_MATCH && (!best || overlap > best.overlap)) best = { quote: original, overlap };
    }
    if (!best) {
      return {
        text: q.text,
        speaker: q.speaker,
        original: null,
        originalSpeaker: null,
        originalRole: null,
        fidelity: 'unmatched',
        speakerDiffers: false,
        diff: [],
      };
    }
    const { fidelity, diff } = compareQuote(q.text, best.quote.text);
    return {
      text: q.text,
      speaker: q.speaker,
      original: best.quote.text,
      originalSpeaker: best.quote.speaker,
      originalRole: best.quote.role,
      fidelity,
      speakerDiffers: !sameSpeaker(q.speaker, best.quote.speaker),
      diff,
      ...(fidelity === 'exact' ? {} : { marks: markQuote(q.text, best.quote.text) }),
    };
  });
}

/**
 * How many page quotes an original gives in the same words (exact or minor
 * changes). The scan over candidate stories for a report of the same event:
 * most of their quotes share a word or two with the page's and nothing more,
 * so an original is compared word by word only when at least half of the
 * page quote's content words are in it as they stand (spelling folds
 * included); the letter-by-letter spelling test is left to checkQuotes.
 */
export function quotesInSameWords(pageQuotes: readonly Quote[], originals: readonly StoryQuote[]): number {
  let count = 0;
  for (const q of pageQuotes) {
    const page = quoteWords(q.text);
    const same = originals.some((original) => {
      if (contentWordsFound(page, quoteWords(original.text)) < wordsNeeded(page)) return false;
      const { fidelity } = compareQuote(q.text, original.text);
      return fidelity === 'exact' || fidelity === 'minor';
    });
    if (same) count++;
  }
  return count;
}
