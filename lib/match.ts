/**
 * Matching: the story a page carries, how (the relation), with evidence, and
 * its quotes checked. Named steps: read the page, find candidate stories by
 * fingerprints (an inverted index), judge each by its aligned text
 * (verdict.ts), and only where the text says nothing, look for a report of
 * the same event (same-event.ts).
 */
import { EXACT_SENTENCE, readPage, type PageSentence } from './align';
import { storyParagraphs, type Article } from './article';
import type { Relation, Story } from './index-schema';
import type { MatchIndex } from './match-index';
import { checkQuotes, type QuoteCheck } from './quote-check';
import { detectLanguage, languageName } from './language';
import type { Lexicon } from './lexicon';
import { extractQuotes } from './quotes';
import { sameEventAbroad, sameEventByDate, sameEventByQuotes } from './same-event';
import {
  alignTranslation,
  checkTranslatedQuotes,
  isTranslation,
  readForeignPage,
  type ForeignRead,
  type TranslatedAlignment,
} from './translation';
import { judgeText, round, type TextVerdict } from './verdict';

/** The language of the wire texts in the index (the agencies' English services). */
const WIRE_LANGUAGE = 'en';
/** A story is a candidate when the page shares this many fingerprints with it. */
const MIN_CANDIDATE_HITS = 4;
/**
 * ... or, for a page in another language, one: word order changes across languages, a word list
 * gives a lemma's senses rather than the wire's word, and a report of the event shares names, not
 * phrasing, so few pairs survive. The sentence alignment (a translation) or the date and shared
 * words (a report of the same event) decide, never the fingerprints alone.
 */
const MIN_ABROAD_HITS = 1;
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

/** Hit counters, one per story, reused from page to page (zeroed again after each use). */
let hitCounts = new Uint16Array(0);

/**
 * Stories sharing enough order-aware fingerprints with the page: an
 * inverted-index lookup, not a scan. Fingerprints found in very many stories
 * ("said on Wednesday", "the United States") say nothing about which story
 * this is and are skipped; the stories sharing the most fingerprints come
 * first, at most MAX_CANDIDATES of them.
 */
function candidateStories(index: MatchIndex, fingerprints: readonly number[], minHits = MIN_CANDIDATE_HITS): number[] {
  const common = Math.max(COMMON_FINGERPRINT_MIN, index.storyCount * COMMON_FINGERPRINT_SHARE);
  if (hitCounts.length < index.storyCount) hitCounts = new Uint16Array(index.storyCount);
  const touched: number[] = [];
  const count = (s: number, weight = 1) => {
    if (hitCounts[s] === 0) touched.push(s);
    hitCounts[s] = Math.min(0xffff, hitCounts[s]! + weight);
  };
  for (const h of fingerprints) index.eachPosting(h, common, count);
  const hits = touched.map((s) => [s, hitCounts[s]!] as const);
  for (const s of touched) hitCounts[s] = 0;
  const ranked = hits.filter(([, n]) => n >= minHits).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const floor = (ranked[0]?.[1] ?? 0) * CANDIDATE_SHARE_OF_BEST;
  return ranked
    .filter(([, n]) => n >= floor)
    .slice(0, MAX_CANDIDATES)
    .map(([s]) => s);
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

export interface MatchOptions {
  /** The brute-force baseline the speed benchmark compares the inverted index against. */
  scanAll?: boolean;
  /** Word lists by page language (the reader's or a publisher's), for pages in another language than the wire's. */
  lexicons?: ReadonlyMap<string, Lexicon>;
}

const NO_MATCH: PageResult = { match: null, quotes: [] };

/**
 * Matches an article against the index: the story it carries, how, with
 * evidence, and its quotes checked. Named steps: the page as it is written
 * (copies in the wire's own language), and where that finds nothing and the
 * page is in another language, the page read through a word list
 * (translations).
 */
export function matchArticle(index: MatchIndex, article: Article, options: MatchOptions = {}): PageResult {
  const body = storyParagraphs(article);
  const same = matchAsWritten(index, article, body, options);
  if (same.match || options.scanAll) return same;
  const language = detectLanguage(body.join('\n'), article.language);
  if (!language || language === WIRE_LANGUAGE) return same;
  return matchTranslation(index, article, body, language, options.lexicons?.get(language) ?? null);
}

/**
 * The page as written. Named steps: read the page, find candidate stories,
 * judge each by its text, and only where the text says nothing, look for a
 * report of the same event (a copy always outranks a report of the same
 * event, so quotes are checked against one story for a copy).
 */
function matchAsWritten(index: MatchIndex, article: Article, body: string[], options: MatchOptions): PageResult {
  const read = readPage(body);
  const positions = options.scanAll
    ? Array.from({ length: index.storyCount }, (_, i) => i)
    : candidateStories(index, read.fingerprints);
  // Most pages a reader opens carry no indexed story: they stop here, before quotes are read.
  if (positions.length === 0) return NO_MATCH;
  const page = read.sentences;
  const aligned = options.scanAll ? positions : positions.slice(0, ALIGNED_CANDIDATES);
  const verdicts = aligned.map((position) => judgeText(read, index.story(position), position));
  const pageQuotes = extractQuotes(body);

  let copy: TextVerdict | null = null;
  for (const v of verdicts) {
    if (!v.relation || (copy && v.score <= copy.score)) continue;
    if (v.leadOnly && verdicts.some((other) => other !== v && other.top.verbatim > 0)) continue;
    copy = v;
  }
  if (copy) {
    const quotes = checkQuotes(pageQuotes, copy.entry.story.quotes);
    return { match: toResult(copy, copy.relation!, copy.why, page, quotes), quotes };
  }
  const event = sameEventByQuotes(index, positions, pageQuotes, verdicts, read) ?? sameEventByDate(verdicts, article);
  if (!event) return NO_MATCH;
  const quotes = checkQuotes(pageQuotes, event.verdict.entry.story.quotes);
  return { match: toResult(event.verdict, 'same-event', event.why, page, quotes), quotes };
}

/**
 * A page in another language: read through the word list for it (names and
 * numbers only without one), candidate stories by translated fingerprints,
 * and the one-to-one, in-order correspondence of sentences that makes a
 * translation. Its quotes are in another language: none is compared word by
 * word with an original.
 */
function matchTranslation(
  index: MatchIndex,
  article: Article,
  body: string[],
  language: string,
  lexicon: Lexicon | null,
): PageResult {
  const read = readForeignPage(body, language, lexicon);
  const positions = candidateStories(index, read.fingerprints, MIN_ABROAD_HITS);
  let best: { position: number; alignment: TranslatedAlignment } | null = null;
  for (const position of positions.slice(0, ALIGNED_CANDIDATES)) {
    for (const version of index.story(position).versions) {
      const alignment = alignTranslation(read, version);
      if (!isTranslation(alignment, read.sentences.length)) continue;
      if (!best || alignment.pairs.length > best.alignment.pairs.length) best = { position, alignment };
    }
  }
  if (!best) return sameEventInAnotherLanguage(index, positions, read, article);
  const entry = index.story(best.position);
  const { alignment } = best;
  const wire = entry.versions.find((v) => v.version === alignment.version)!.sentences;
  const share = alignment.pairs.length / Math.max(1, read.sentences.length);
  const quotes = checkTranslatedQuotes(body, language, lexicon, entry.story.quotes);
  return {
    match: {
      story: entry.story,
      position: best.position,
      relation: 'rewritten',
      score: round(share),
      version: alignment.version,
      evidence: {
        verbatimShare: 0,
        rewordedShare: round(share),
        alignedSentences: alignment.pairs.length,
        pageSentences: read.sentences.length,
        sharedQuotes: quotes.filter((q) => q.fidelity !== 'unmatched').length,
        why: `a translation into ${languageName(language)}: ${alignment.pairs.length} of its ${read.sentences.length} sentences correspond one to one, in order, with the wire story's`,
        passages: alignment.pairs.map((p) => ({
          page: read.sentences[p.page]!.text,
          wire: wire[p.wire]!.text,
          wireParagraph: wire[p.wire]!.paragraph,
          score: round(p.score),
          kind: 'reworded',
        })),
      },
    },
    quotes,
  };
}

/** A report of the same event in another language: never a copy claim (see same-event.ts). */
function sameEventInAnotherLanguage(
  index: MatchIndex,
  positions: readonly number[],
  read: ForeignRead,
  article: Article,
): PageResult {
  const event = sameEventAbroad(index, positions, read, article);
  if (!event) return NO_MATCH;
  const { story } = index.story(event.position);
  return {
    match: {
      story,
      position: event.position,
      relation: 'same-event',
      score: 0,
      version: story.wire[0]?.version ?? '',
      evidence: {
        verbatimShare: 0,
        rewordedShare: 0,
        alignedSentences: 0,
        pageSentences: read.sentences.length,
        sharedQuotes: 0,
        why: event.why,
        passages: [],
      },
    },
    quotes: [],
  };
}
