import type { Relation, Story, StoryVersion } from './index-schema';
import type { MatchResult, PageResult, QuoteCheck } from './match';

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

export function toView(result: PageResult, pageUrl: string | null): ResultView {
  const { match } = result;
  if (!match) return { match: null, quotes: [] };
  return {
    match: {
      story: summary(match.story, match.version),
      relation: match.relation,
      score: match.score,
      evidence: match.evidence,
      siblings: match.story.versions.filter((v) => !sameUrl(v.url, pageUrl)),
    },
    quotes: result.quotes,
  };
}

export const RELATION_LABELS: Record<Relation, string> = {
  verbatim: 'Wire text, essentially unchanged',
  edited: 'Wire text with cuts, additions or edits',
  rewritten: 'The wire story reworded (translation or paraphrase)',
  'same-event': 'An independent report of the same event',
};
