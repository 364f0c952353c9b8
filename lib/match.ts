import { BoundedCache } from './bounded-cache';
import { diffArrays } from 'diff';
import { storyParagraphs, type Article } from './article';
import type { Relation, Story, StoryQuote, WireIndex } from './index-schema';
import { extractQuotes, type Quote } from './quotes';
import { MIN_SENTENCE_KEYS, readText } from './fingerprint';
import { STOPWORDS, wordKey, words } from './text';

/** A story is a candidate when the page shares this many fingerprints with it. */
const MIN_CANDIDATE_HITS = 4;
/**
 * Candidate stories per page, best fingerprint counts first. A copy shares
 * hundreds of fingerprints with its story and always ranks first, so only the
 * first few are aligned (the costly step); an independent report of the same
 * event shares few (quotes are not fingerprinted), so all are checked for
 * shared quotes.
 */
const MAX_CANDIDATES = 8;
const ALIGNED_CANDIDATES = 4;
/** ... and only those with at least this share of the best story's fingerprint count. */
const CANDIDATE_SHARE_OF_BEST = 0.25;
/** A fingerprint in more than this share of stories (and more than the minimum) is too common to count. */
const COMMON_FINGERPRINT_SHARE = 0.001;
const COMMON_FINGERPRINT_MIN = 32;
/** Share of a sentence's word windows found in the wire sentence for it to count as wire text. */
const EXACT_SENTENCE = 0.8;
/** Content-word overlap (Dice) for a sentence to count as a rewording of a wire sentence. */
const REWORDED_SENTENCE = 0.4;

/**
 * Relation thresholds on the share of the page's own sentences (quotes
 * removed) that align, in order, with one write-through. Calibrated on the
 * seeds and on ../shared/pages-dev (independent reports of the same event
 * align with well under a fifth of their sentences).
 */
const VERBATIM_SHARE = 0.85;
const EDITED_SHARE = 0.15;
/** Edited copies carry at least this many wire sentences word for word. */
const MIN_VERBATIM_SENTENCES = 3;
const REWRITTEN_SHARE = 0.35;
/** A page that is wire text throughout but carries less than this share of the wire's sentences is a cut version. */
const VERBATIM_COVERAGE = 0.5;
/** A short excerpt (the first paragraphs, a brief) is a copy when this many of its sentences, and all of them, are wire text word for word. */
const MIN_EXCERPT_SENTENCES = 2;
const MIN_ALIGNED_SENTENCES = 4;
/** An independent report of the event shares at least this many quotes with the wire text. */
const SAME_EVENT_QUOTES = 2;
/** ... each of at least this many words, in the same words as the original (exact or minor changes). */
const SAME_EVENT_QUOTE_WORDS = 6;

/** Distinct hashes: an array, or a view into a compact index's bytes (no copy). */
export type HashList = readonly number[] | Uint32Array;

export interface WireSentence {
  /** The wire sentence, when the index carries texts (the full build); null in the compact build. */
  text: string | null;
  paragraph: number;
  /** Distinct content-key hashes, quotes aside; sorted. */
  keys: HashList;
  /** Distinct shingle hashes; sorted (so two sentences compare by a merge). */
  shingles: HashList;
}

export interface WireVersionIndex {
  version: string;
  sentences: WireSentence[];
}

export interface StoryEntry {
  story: Story;
  versions: WireVersionIndex[];
}

/**
 * What matching reads of an index, whatever its file format: candidate
 * stories by fingerprint (an inverted index, not a scan), and a story's
 * metadata and sentence prints by position (decoded on demand).
 */
export interface MatchIndex {
  readonly storyCount: number;
  /**
   * Calls `visit` with the position of each story that contains a fingerprint; with none when more
   * than `max` do (too common to count). A visitor, not a list: a page looks up hundreds of
   * fingerprints, and a list per look-up was garbage to collect.
   */
  eachPosting(hash: number, max: number, visit: (story: number) => void): void;
  story(position: number): StoryEntry;
}

/**
 * A story by id: at `hint` when it is there (the position a match reported),
 * else by a scan, which decodes stories of a compact index one by one.
 */
export function findStory(index: MatchIndex, id: string, hint?: number): Story | null {
  if (hint !== undefined && hint >= 0 && hint < index.storyCount) {
    const { story } = index.story(hint);
    if (story.id === id) return story;
  }
  for (let i = 0; i < index.storyCount; i++) {
    const { story } = index.story(i);
    if (story.id === id) return story;
  }
  return null;
}

/** An index held as JSON with its texts (the full build): each wire text is read here once, for prints and fingerprints. */
export function loadIndex(index: WireIndex): MatchIndex {
  const postings = new Map<number, number[]>();
  const entries = index.stories.map((story, position) => {
    const reads = story.wire.map((w) => ({ version: w.version, read: readText(w.paragraphs) }));
    for (const h of new Set(reads.flatMap((r) => r.read.fingerprints))) {
      const list = postings.get(h);
      if (list) list.push(position);
      else postings.set(h, [position]);
    }
    const versions: WireVersionIndex[] = reads.map(({ version, read }) => ({
      version,
      sentences: read.sentences.map(({ text, print }) => ({ text, ...print })),
    }));
    return { story, versions };
  });
  return {
    storyCount: entries.length,
    eachPosting: (hash, max, visit) => {
      const list = postings.get(hash);
      if (list && list.length <= max) for (const story of list) visit(story);
    },
    story: (position) => entries[position]!,
  };
}

export type Fidelity = 'exact' | 'minor' | 'altered' | 'unmatched';

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
}

export interface AlignedPassage {
  page: string;
  /** The wire sentence; null when the index is the compact build (no texts). */
  wire: string | null;
  /** Paragraph of the wire text it aligns with (0-based). */
  wireParagraph: number;
  score: number;
  kind: 'wire' | 'reworded';
}

export interface MatchResult {
  story: Story;
  /** The story's position in the index it was matched against (finds it again without a scan). */
  position: number;
  relation: Relation;
  /** Share of the page's own sentences (quotes aside) that follow the wire text, 0..1. */
  score: number;
  /** The write-through the page follows best. */
  version: string;
  evidence: {
    verbatimShare: number;
    rewordedShare: number;
    alignedSentences: number;
    pageSentences: number;
    sharedQuotes: number;
    why: string;
    passages: AlignedPassage[];
  };
}

export interface PageResult {
  match: MatchResult | null;
  quotes: QuoteCheck[];
}

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

interface PageSentence {
  text: string;
  /** Distinct and sorted, as in the index. */
  keys: readonly number[];
  shingles: readonly number[];
}

/** The page's body read once: its sentences with prints (those with enough content words) and its fingerprints. */
function readPage(body: readonly string[]): { sentences: PageSentence[]; fingerprints: number[] } {
  const read = readText(body);
  return {
    sentences: read.sentences
      .filter((s) => s.print.keys.length >= MIN_SENTENCE_KEYS)
      .map(({ text, print }) => ({ text, keys: print.keys, shingles: print.shingles })),
    fingerprints: read.fingerprints,
  };
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
function alignVersion(page: PageSentence[], version: WireVersionIndex) {
  const wire = version.sentences;
  const best = page.map((s) => {
    let top = { index: -1, sim: 0, exact: 0 };
    for (let index = 0; index < wire.length; index++) {
      const keys = wire[index]!.keys;
      // Dice cannot beat the best so far when even full overlap would not.
      const ceiling = (2 * Math.min(s.keys.length, keys.length)) / (s.keys.length + keys.length);
      if (ceiling < top.sim || ceiling < REWORDED_SENTENCE) continue;
      const shared = sharedCount(s.keys, keys);
      if (shared === 0) continue;
      const sim = (2 * shared) / (s.keys.length + keys.length);
      if (sim > top.sim) top = { index, sim, exact: 0 };
    }
    if (top.index >= 0) top.exact = containment(s.shingles, wire[top.index]!.shingles);
    return top;
  });
  const candidates = best.map((b, i) => ({ ...b, page: i })).filter((b) => b.sim >= REWORDED_SENTENCE);
  const ordered = increasingRun(candidates.map((c) => c.index));
  const aligned = candidates.filter((_, i) => ordered.has(i));
  const verbatim = aligned.filter((a) => a.exact >= EXACT_SENTENCE).length;
  return {
    version: version.version,
    /** The write-through's sentences, for the evidence and its coverage. */
    wire,
    verbatim,
    aligned,
    verbatimShare: page.length ? verbatim / page.length : 0,
    rewordedShare: page.length ? aligned.length / page.length : 0,
  };
}

const SPEAKER_SIMILARITY = 0.7;

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
  return longest >= 5 && 1 - editDistance(a, b) / longest >= SPEAKER_SIMILARITY;
}

function sameSpeaker(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const surname = (s: string) => s.toLowerCase().split(' ').pop() ?? '';
  return nearSpelling(surname(a), surname(b));
}

/** A page quote matches an original only if at least this many of its content words are in it. */
const MIN_SHARED_QUOTE_WORDS = 2;

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
  return longest >= 5 && Math.abs(a.length - b.length) <= (1 - SPEAKER_SIMILARITY) * longest;
}

/** Content words of a page quote an original needs, at least, to be a version of it. */
function wordsNeeded(page: QuoteWords): number {
  return Math.max(MIN_SHARED_QUOTE_WORDS, QUOTE_MATCH * page.contentKeys.length);
}

/** How many of the page quote's content words are in the original as they stand (spelling folds included). */
function sharedAsTheyStand(page: QuoteWords, original: QuoteWords): number {
  let shared = 0;
  for (const k of page.contentKeys) if (original.keys.has(k)) shared++;
  return shared;
}

/** Share of the page quote's content words found (allowing spelling variants) in the original. */
function quoteOverlap(page: QuoteWords, original: QuoteWords): number {
  const total = page.content.length;
  const needed = wordsNeeded(page);
  const exact = sharedAsTheyStand(page, original);
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

/** A page quote whose content words mostly appear in an original is a version of it. */
const QUOTE_MATCH = 0.5;

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
function quotesInSameWords(pageQuotes: readonly Quote[], originals: readonly StoryQuote[]): number {
  let count = 0;
  for (const q of pageQuotes) {
    const page = quoteWords(q.text);
    const same = originals.some((original) => {
      if (sharedAsTheyStand(page, quoteWords(original.text)) < wordsNeeded(page)) return false;
      const { fidelity } = compareQuote(q.text, original.text);
      return fidelity === 'exact' || fidelity === 'minor';
    });
    if (same) count++;
  }
  return count;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Hit counters, one per story, reused from page to page (zeroed again after each use). */
let hitCounts = new Uint16Array(0);

/**
 * Stories sharing enough order-aware fingerprints with the page: an
 * inverted-index lookup, not a scan. Fingerprints found in very many stories
 * ("said on Wednesday", "the United States") say nothing about which story
 * this is and are skipped; the stories sharing the most fingerprints come
 * first, at most MAX_CANDIDATES of them.
 */
function candidateStories(index: MatchIndex, fingerprints: readonly number[]): number[] {
  const common = Math.max(COMMON_FINGERPRINT_MIN, index.storyCount * COMMON_FINGERPRINT_SHARE);
  if (hitCounts.length < index.storyCount) hitCounts = new Uint16Array(index.storyCount);
  const touched: number[] = [];
  const count = (s: number) => {
    if (hitCounts[s] === 0) touched.push(s);
    if (hitCounts[s]! < 0xffff) hitCounts[s]!++;
  };
  for (const h of fingerprints) index.eachPosting(h, common, count);
  const hits = touched.map((s) => [s, hitCounts[s]!] as const);
  for (const s of touched) hitCounts[s] = 0;
  const ranked = hits.filter(([, n]) => n >= MIN_CANDIDATE_HITS).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const floor = (ranked[0]?.[1] ?? 0) * CANDIDATE_SHARE_OF_BEST;
  return ranked
    .filter(([, n]) => n >= floor)
    .slice(0, MAX_CANDIDATES)
    .map(([s]) => s);
}

/** What the text alone says of one candidate story: its best write-through and the relation it supports, if any. */
interface TextVerdict {
  entry: StoryEntry;
  position: number;
  top: ReturnType<typeof alignVersion>;
  relation: Exclude<Relation, 'same-event'> | null;
  why: string;
  score: number;
}

function judgeText(page: PageSentence[], entry: StoryEntry, position: number): TextVerdict {
  const { versions } = entry;
  const top = versions
    .map((v) => alignVersion(page, v))
    .reduce((a, b) =>
      b.verbatimShare > a.verbatimShare || (b.verbatimShare === a.verbatimShare && b.rewordedShare > a.rewordedShare)
        ? b
        : a,
    );
  const enough = top.aligned.length >= MIN_ALIGNED_SENTENCES;
  const wireCount = top.wire.filter((w) => w.keys.length >= MIN_SENTENCE_KEYS).length;
  const coverage = wireCount ? top.verbatim / wireCount : 0;
  const verdict = (relation: TextVerdict['relation'], why: string, score: number): TextVerdict => ({
    entry,
    position,
    top,
    relation,
    why,
    score: round(score),
  });
  if (top.verbatimShare >= VERBATIM_SHARE && top.verbatim >= MIN_EXCERPT_SENTENCES) {
    return enough && coverage >= VERBATIM_COVERAGE
      ? verdict(
          'verbatim',
          `${Math.round(top.verbatimShare * 100)}% of the page's sentences are the wire text word for word, in order`,
          top.verbatimShare,
        )
      : verdict(
          'edited',
          `the page is the wire text word for word, but only ${top.verbatim} of its ${wireCount} sentences: a cut version`,
          top.verbatimShare,
        );
  }
  if (enough && top.verbatim >= MIN_VERBATIM_SENTENCES && top.verbatimShare >= EDITED_SHARE) {
    return verdict(
      'edited',
      `${Math.round(top.verbatimShare * 100)}% of the page's sentences are the wire text word for word; the rest is cut, added or edited`,
      top.verbatimShare,
    );
  }
  if (enough && top.rewordedShare >= REWRITTEN_SHARE) {
    return verdict(
      'rewritten',
      `${Math.round(top.rewordedShare * 100)}% of the page's sentences follow wire sentences in order, reworded`,
      top.rewordedShare,
    );
  }
  return verdict(null, '', 0);
}

function toResult(
  verdict: TextVerdict,
  relation: Relation,
  why: string,
  page: PageSentence[],
  quotes: QuoteCheck[],
): MatchResult {
  const { entry, top } = verdict;
  return {
    story: entry.story,
    position: verdict.position,
    relation,
    score: verdict.score,
    version: top.version,
    evidence: {
      verbatimShare: round(top.verbatimShare),
      rewordedShare: round(top.rewordedShare),
      alignedSentences: top.aligned.length,
      pageSentences: page.length,
      sharedQuotes: quotes.filter((q) => q.fidelity !== 'unmatched').length,
      why,
      passages: top.aligned.map((a) => ({
        page: page[a.page]!.text,
        wire: top.wire[a.index]!.text,
        wireParagraph: top.wire[a.index]!.paragraph,
        score: round(a.sim),
        kind: a.exact >= EXACT_SENTENCE ? 'wire' : 'reworded',
      })),
    },
  };
}

/**
 * Matches an article against the index: the story it carries, how, with
 * evidence, and its quotes checked. Named steps: read the page, find
 * candidate stories, judge each by its text, and only where the text says
 * nothing, by shared quotes (a copy always outranks a report of the same
 * event, so quotes are checked against one story for a copy).
 */
export function matchArticle(index: MatchIndex, article: Article, options: { scanAll?: boolean } = {}): PageResult {
  // scanAll: the brute-force baseline the speed benchmark compares the inverted index against.
  const body = storyParagraphs(article);
  const read = readPage(body);
  const positions = options.scanAll
    ? Array.from({ length: index.storyCount }, (_, i) => i)
    : candidateStories(index, read.fingerprints);
  // Most pages a reader opens carry no indexed story: they stop here, before quotes are read.
  if (positions.length === 0) return { match: null, quotes: [] };
  const page = read.sentences;
  const aligned = options.scanAll ? positions : positions.slice(0, ALIGNED_CANDIDATES);
  const verdicts = aligned.map((position) => judgeText(page, index.story(position), position));
  const pageQuotes = extractQuotes(body);

  let copy: TextVerdict | null = null;
  for (const v of verdicts) if (v.relation && (!copy || v.score > copy.score)) copy = v;
  if (copy) {
    const quotes = checkQuotes(pageQuotes, copy.entry.story.quotes);
    return { match: toResult(copy, copy.relation!, copy.why, page, quotes), quotes };
  }
  // Only quotes of some length, in the same words, tell that two reports heard the same people:
  // a three-word phrase or a loosely similar sentence can turn up in any story on the subject.
  const longQuotes = pageQuotes.filter((q) => words(q.text).length >= SAME_EVENT_QUOTE_WORDS);
  if (longQuotes.length < SAME_EVENT_QUOTES) return { match: null, quotes: [] };
  for (const [i, position] of positions.entries()) {
    const entry = index.story(position);
    const sameWords = quotesInSameWords(longQuotes, entry.story.quotes);
    if (sameWords >= SAME_EVENT_QUOTES) {
      const why = `shares ${sameWords} quotes, in the same words, with the wire story but not its sentences`;
      const quotes = checkQuotes(pageQuotes, entry.story.quotes);
      const verdict = verdicts[i] ?? judgeText(page, entry, position);
      return { match: toResult(verdict, 'same-event', why, page, quotes), quotes };
    }
  }
  return { match: null, quotes: [] };
}
