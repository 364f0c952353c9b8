/**
 * Fuzzy search over the index's stories and quotes, for the popup: a reader
 * remembers a phrase or a name, often misspelt ("Stoltenbreg"), and wants the
 * story. fuse.js does the fuzzy part; this module decides what is searched.
 */
import Fuse from 'fuse.js';
import type { MatchIndex } from './match-index';

/** Stories read for search: past this, a compact index would be decoded whole for one popup. */
const MAX_SEARCH_STORIES = 20_000;
const MAX_RESULTS = 10;
/** fuse.js score: 0 is a perfect match, 1 matches anything. 0.35 keeps one or two typos in a name. */
const THRESHOLD = 0.35;

export interface SearchDoc {
  kind: 'story' | 'quote';
  storyId: string;
  agency: string;
  date: string;
  headline: string;
  /** The headline again for a story; the quote's words for a quote. */
  text: string;
  speaker: string | null;
}

export interface SearchResult extends SearchDoc {
  score: number;
}

export interface StorySearch {
  /** Stories searched (all of them, or the first MAX_SEARCH_STORIES). */
  searched: number;
  total: number;
  search(query: string): SearchResult[];
}

export function buildSearch(index: MatchIndex): StorySearch {
  const searched = Math.min(index.storyCount, MAX_SEARCH_STORIES);
  const docs: SearchDoc[] = [];
  for (let i = 0; i < searched; i++) {
    const { story } = index.story(i);
    const headline = story.headlines[story.headlines.length - 1] ?? story.id;
    const base = { storyId: story.id, agency: story.agency, date: story.date, headline };
    for (const h of story.headlines) docs.push({ ...base, kind: 'story', text: h, speaker: null });
    for (const q of story.quotes) docs.push({ ...base, kind: 'quote', text: q.text, speaker: q.speaker });
  }
  const fuse = new Fuse(docs, {
    keys: [
      { name: 'text', weight: 0.7 },
      { name: 'speaker', weight: 0.3 },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: THRESHOLD,
    minMatchCharLength: 2,
  });
  return {
    searched,
    total: index.storyCount,
    search(query: string) {
      const q = query.trim();
      if (q.length < 2) return [];
      return fuse.search(q, { limit: MAX_RESULTS }).map((r) => ({ ...r.item, score: r.score ?? 1 }));
    },
  };
}
