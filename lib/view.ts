import type { Relation, Story, StoryVersion } from './index-schema';
import type { Credit } from './credits';
import type { MatchResult, PageResult } from './match';
import type { QuoteCheck } from './quote-check';
import { BUNDLED, type StorySource } from './story-source';
import { words } from './text';

/**
 * What the overlay, popup and CLI show for a page: the match without the
 * wire text itself (it stays in the background), ready to send as a message.
 */
export interface StorySummary {
  id: string;
  agency: string;
  date: string;
  dateline: string | null;
  bylines: string[];
  headline: string;
  url: string | null;
}

export interface ResultView {
  match: {
    story: StorySummary;
    relation: Relation;
    score: number;
    evidence: MatchResult['evidence'];
    /** Other known versions of the story (not this page). */
    siblings: StoryVersion[];
    /** Where the page credits the story's agency (empty: it does not name it). */
    credits: Credit[];
    /** Where the story came from: bundled, an imported file, the reader's reading. */
    source: StorySource;
    /**
     * This page is the story's own (the agency's article the story was learned from): the overlay
     * says so and lists the copies met elsewhere instead of "other versions".
     */
    original: boolean;
  } | null;
  quotes: QuoteCheck[];
}

function summary(story: Story, version: string): StorySummary {
  const wireVersion = story.versions.find((v) => v.id === version);
  return {
    id: story.id,
    agency: story.agency,
    date: story.date,
    dateline: story.dateline,
    bylines: story.bylines,
    headline: wireVersion?.title || story.headlines[story.headlines.length - 1] || story.id,
    url: story.url,
  };
}

function sameUrl(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const strip = (u: string) =>
    u
      .replace(/^https?:\/\//, '')
      .replace(/[?#].*$/, '')
      .replace(/\/$/, '');
  return strip(a) === strip(b);
}

/**
 * Each quote once: a page that gives the same words in its summary bullets and again in its body
 * (gettotext.com lists Stoltenberg's "real risk" twice) shows them once, with the speaker the body
 * names when the bullet names none.
 */
export function uniqueQuotes(quotes: readonly QuoteCheck[]): QuoteCheck[] {
  const byWords = new Map<string, number>();
  const out: QuoteCheck[] = [];
  for (const q of quotes) {
    const key = words(q.text).join(' ');
    const seen = byWords.get(key);
    if (seen === undefined) {
      byWords.set(key, out.length);
      out.push(q);
    } else if (!out[seen]!.speaker && q.speaker) out[seen] = q;
  }
  return out;
}

export function toView(
  result: PageResult,
  pageUrl: string | null,
  pageCredits: readonly Credit[] = [],
  source: StorySource = BUNDLED,
): ResultView {
  const { match } = result;
  if (!match) return { match: null, quotes: [] };
  // The story's own page: the agency page it was learned from (or the page the reader added), by
  // the address of one of its write-throughs. Not so for a bundled story, whose write-throughs
  // are outlets' verbatim copies (Investing.com ran Reuters' text; it is not Reuters' page).
  const own = source.kind === 'learned' || source.kind === 'added';
  const original = own && match.story.versions.some((v) => v.writeThrough !== null && sameUrl(v.url, pageUrl));
  return {
    match: {
      story: summary(match.story, match.version),
      relation: match.relation,
      score: match.score,
      evidence: match.evidence,
      siblings: match.story.versions.filter((v) => !sameUrl(v.url, pageUrl)),
      credits: pageCredits.filter((c) => c.agency === match.story.agency),
      source,
      original,
    },
    quotes: uniqueQuotes(result.quotes),
  };
}
