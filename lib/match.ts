/**
 * Matching: the story a page carries, how (the relation), with evidence, and
 * its quotes checked. Named steps: read the page, find candidate stories by
 * fingerprints (an inverted index), judge each by its aligned text, and only
 * where the text says nothing, by shared quotes.
 */
import { alignVersion, EXACT_SENTENCE, readPage, type Alignment, type PageSentence } from './align';
import { storyParagraphs, type Article } from './article';
import { MIN_SENTENCE_KEYS } from './fingerprint';
import type { Relation, Story } from './index-schema';
import type { MatchIndex, StoryEntry } from './match-index';
import { checkQuotes, quotesInSameWords, type QuoteCheck } from './quote-check';
import { extractQuotes } from './quotes';
import { words } from './text';

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
  top: Alignment;
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
