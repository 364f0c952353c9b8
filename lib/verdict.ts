/**
 * The relation verdict: what a page's text, aligned with one story's
 * write-throughs, says it is of that story (verbatim, edited, rewritten, or
 * nothing), and why in words a reader understands. Calling a page a copy when
 * it is not is the worst error the product can make: every rule here needs
 * evidence of copying (the wire's own runs of words, in the wire's order),
 * never names, numbers or quotes alone, which any report of the event shares.
 */
import { alignVersion, EXACT_SENTENCE, type Alignment, type PageRead, type PageSentence } from './align';
import { MIN_SENTENCE_KEYS } from './fingerprint';
import type { Relation } from './index-schema';
import type { StoryEntry } from './match-index';

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
/**
 * Copies the share thresholds above miss, calibrated on many stories (../shared/stories-dev, four
 * agencies) rather than the seed: syndicated excerpts cut to two or three wire paragraphs among
 * captions and credits, house-style edits, copies that carry a later write-through's extra text.
 * They are judged by what the page carries of the wire, not by the share of the page it makes.
 * - An excerpt: at least two wire sentences copied (word for word or lightly edited), in order,
 *   carrying this many three-word runs of the wire's own words (quotes aside), and making up at
 *   least this share of the page's or the wire's sentences, whichever is shorter (a long story
 *   that reuses two background sentences of another does not qualify).
 */
const MIN_EXCERPT_COPIED_SENTENCES = 2;
const MIN_COPIED_RUNS = 20;
const MIN_EXCERPT_SHARE = 0.25;
/**
 * - A lead: the page opens (within its first sentences) with the wire's lead, word for word,
 *   long enough to carry this many three-word runs: the opening of a wire story is what syndication
 *   keeps when it cuts ("Pope Francis, the first Latin American leader of the Roman Catholic
 *   Church, has died, ..." followed by another write-through's text).
 */
const LEAD_SENTENCES = 3;
const MIN_LEAD_RUNS = 20;
/**
 * ... and the lead is a real part of the page: at least this share of its own three-word runs
 * (a syndicated excerpt: 0.12-0.78 on ../shared/stories-dev; a page of twenty stories' paragraphs
 * that happens to open with one's lead: under 0.05).
 */
const MIN_LEAD_SHARE = 0.1;
/**
 * Excerpts and leads count only on a page about what the wire is about (content words, Dice): a
 * page of many stories' paragraphs, a round-up of leads, is not a copy of each (the match
 * benchmark's mixed pages share 0.1 or less with any one story; the copies of ../shared/stories-dev 0.21 or more).
 */
const MIN_EXCERPT_TOPIC = 0.15;
/**
 * - A rewording: at least this many sentences following wire sentences in order, covering this
 *   share of the wire's sentences, with some of the wire's own runs of words left (machine
 *   rewording keeps names and set phrases; an independent report of the same facts keeps almost none).
 */
const MIN_REWORDED_SENTENCES = 3;
const REWORDED_WIRE_COVERAGE = 0.5;
const MIN_REWORDED_RUNS = 10;

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** What the text alone says of one candidate story: its best write-through and the relation it supports, if any. */
export interface TextVerdict {
  entry: StoryEntry;
  position: number;
  top: Alignment;
  relation: Exclude<Relation, 'same-event'> | null;
  why: string;
  score: number;
  /**
   * The copy rests on the lead alone. It does not stand where the page also carries word for word
   * text of another indexed story: a page of many stories' paragraphs (a round-up) is not a copy
   * of the one whose lead it happens to open with.
   */
  leadOnly?: boolean;
}

export function judgeText(read: PageRead, entry: StoryEntry, position: number): TextVerdict {
  const page = read.sentences;
  const { versions } = entry;
  const top = versions
    .map((v) => alignVersion(read, v))
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
  return judgeExcerpt(page, top, wireCount, page.length, verdict);
}

/**
 * The copies the share rules miss: excerpts, leads and rewordings judged by
 * what the page carries of the wire (see the thresholds at the top).
 */
function judgeExcerpt(
  page: readonly PageSentence[],
  top: Alignment,
  wireCount: number,
  pageCount: number,
  verdict: (relation: TextVerdict['relation'], why: string, score: number) => TextVerdict,
): TextVerdict {
  const shorter = Math.max(1, Math.min(wireCount, pageCount));
  const share = top.aligned.length / Math.max(1, pageCount);
  if (top.topic < MIN_EXCERPT_TOPIC) return verdict(null, '', 0);
  if (
    top.copiedSentences >= MIN_EXCERPT_COPIED_SENTENCES &&
    top.copiedRuns >= MIN_COPIED_RUNS &&
    top.copiedSentences / shorter >= MIN_EXCERPT_SHARE
  ) {
    const mostlyCopied = top.copiedSentences * 2 >= top.aligned.length;
    return verdict(
      mostlyCopied ? 'edited' : 'rewritten',
      mostlyCopied
        ? `${top.copiedSentences} of the wire's sentences are on the page word for word or lightly edited, in order: an excerpt or an edited copy`
        : `${top.aligned.length} of the page's sentences follow wire sentences in order, ${top.copiedSentences} of them nearly word for word`,
      share,
    );
  }
  const lead = top.aligned.find(
    (a) =>
      a.page < LEAD_SENTENCES && a.index < LEAD_SENTENCES && a.exact >= EXACT_SENTENCE && a.copied >= MIN_LEAD_RUNS,
  );
  const pageRuns = page.reduce((sum, s) => sum + s.narrative.length, 0);
  if (lead && lead.copied >= MIN_LEAD_SHARE * pageRuns) {
    return {
      ...verdict('edited', `the page opens with the wire story's lead, word for word: an excerpt`, share),
      leadOnly: true,
    };
  }
  if (
    top.aligned.length >= MIN_REWORDED_SENTENCES &&
    top.aligned.length / Math.max(1, wireCount) >= REWORDED_WIRE_COVERAGE &&
    top.copiedRuns >= MIN_REWORDED_RUNS
  ) {
    return verdict(
      'rewritten',
      `${top.aligned.length} of the page's sentences follow the wire's sentences in order, reworded`,
      share,
    );
  }
  return verdict(null, '', 0);
}
