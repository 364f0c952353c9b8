/**
 * A report of the same event: a page that is not a copy of the wire story but
 * covers what it covers, in its own sentences. Told by shared quotes in the
 * same words, or by its date and its words. "Same event" is never a copy
 * claim; related stories (the same people another day) get nothing.
 */
import type { PageRead } from './align';
import type { Article } from './article';
import { daysApart } from './dates';
import { languageName } from './language';
import type { MatchIndex, StoryEntry } from './match-index';
import { keysAtPrecision, type PrintPrecision } from './print-precision';
import { quotesInSameWords } from './quote-check';
import type { Quote } from './quotes';
import { words } from './text';
import type { ForeignRead } from './translation';
import { judgeText, type TextVerdict } from './verdict';

/** An independent report of the event shares at least this many quotes with the wire text. */
const SAME_EVENT_QUOTES = 2;
/** ... each of at least this many words, in the same words as the original (exact or minor changes). */
const SAME_EVENT_QUOTE_WORDS = 6;
/**
 * Without shared quotes, a report of the same event is told by its date and its words: published
 * within this many days of the wire story (the same news cycle, time zones included) and sharing
 * this share of its content words (Dice). Follow-ups a few days later (the funeral after a death,
 * a reinstatement after an ouster) share as many words, so the date decides, and a page without a
 * readable date gets no same-event answer from words alone. On ../shared/stories-dev and pages-dev
 * English reports of the event share 0.22-0.55 of the wire's words, related stories 0.12-0.31.
 */
export const SAME_EVENT_DAYS = 1;
const SAME_EVENT_TOPIC = 0.2;

export interface EventVerdict {
  verdict: TextVerdict;
  why: string;
}

/**
 * A report that quotes the same people in the same words. Only quotes of some length tell that two
 * reports heard the same people: a three-word phrase or a loosely similar sentence can turn up in
 * any story on the subject.
 */
export function sameEventByQuotes(
  index: MatchIndex,
  positions: readonly number[],
  pageQuotes: readonly Quote[],
  verdicts: readonly TextVerdict[],
  read: PageRead,
): EventVerdict | null {
  const longQuotes = pageQuotes.filter((q) => words(q.text).length >= SAME_EVENT_QUOTE_WORDS);
  if (longQuotes.length < SAME_EVENT_QUOTES) return null;
  for (const [i, position] of positions.entries()) {
    const entry = index.story(position);
    const sameWords = quotesInSameWords(longQuotes, entry.story.quotes);
    if (sameWords >= SAME_EVENT_QUOTES) {
      return {
        verdict: verdicts[i] ?? judgeText(read, entry, position),
        why: `shares ${sameWords} quotes, in the same words, with the wire story but not its sentences`,
      };
    }
  }
  return null;
}

/** A report published the same day as the wire story that speaks of the same things in its own sentences. */
export function sameEventByDate(verdicts: readonly TextVerdict[], article: Article): EventVerdict | null {
  let best: TextVerdict | null = null;
  for (const v of verdicts) {
    const days = daysApart(article.published, v.entry.story.date);
    if (days === null || days > SAME_EVENT_DAYS || v.top.topic < SAME_EVENT_TOPIC) continue;
    if (!best || v.top.topic > best.top.topic) best = v;
  }
  if (!best) return null;
  const days = daysApart(article.published, best.entry.story.date);
  return {
    verdict: best,
    why: `published ${days === 0 ? 'the same day' : 'a day apart'} and shares ${Math.round(best.top.topic * 100)}% of its words with the wire story, in its own sentences`,
  };
}

/**
 * A report of the same event in another language shares, through the word list and as written
 * (names, numbers), this share of the wire story's content words. On ../shared/stories-dev reports
 * published the same day share 0.19-0.29 when they share anything; stories of the same people a
 * day apart 0.07-0.17.
 */
const SAME_EVENT_ABROAD_SHARE = 0.2;

/** Share of a story's content words (all write-throughs) that the page's translated words cover. */
function sharedAbroad(pageSenses: ReadonlySet<number>, entry: StoryEntry): number {
  const topic = new Set<number>();
  for (const v of entry.versions) for (const s of v.sentences) for (const k of s.keys) topic.add(k);
  let shared = 0;
  for (const k of topic) if (pageSenses.has(k)) shared++;
  return topic.size ? shared / topic.size : 0;
}

/**
 * A report in another language published within the window that speaks of what the wire story
 * speaks of (its people, numbers and, through a word list, its words). Never a copy: that needs
 * the sentence correspondence of a translation.
 */
export function sameEventAbroad(
  index: MatchIndex,
  positions: readonly number[],
  read: ForeignRead,
  article: Article,
): { position: number; why: string } | null {
  const senses = new Set(read.sentences.flatMap((s) => [...s.senses]));
  // A compact index's keys are reduced hashes: the page's senses are reduced the same way, once per precision.
  const reduced = new Map<number, ReadonlySet<number>>();
  const sensesFor = (precision: PrintPrecision | undefined): ReadonlySet<number> => {
    if (!precision) return senses;
    let set = reduced.get(precision.keyBits);
    if (!set) reduced.set(precision.keyBits, (set = keysAtPrecision(senses, precision)));
    return set;
  };
  let best: { position: number; share: number; days: number } | null = null;
  for (const position of positions) {
    const entry = index.story(position);
    const days = daysApart(article.published, entry.story.date);
    if (days === null || days > SAME_EVENT_DAYS) continue;
    const share = sharedAbroad(sensesFor(entry.versions[0]?.precision), entry);
    if (share >= SAME_EVENT_ABROAD_SHARE && (!best || share > best.share)) best = { position, share, days };
  }
  if (!best) return null;
  return {
    position: best.position,
    why: `a report of the same event in ${languageName(read.language)}, published ${best.days === 0 ? 'the same day' : 'a day apart'}: it shares ${Math.round(best.share * 100)}% of the wire story's names, numbers and words, but not its sentences`,
  };
}
