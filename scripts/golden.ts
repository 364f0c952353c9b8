/**
 * Golden files: what extraction gives for each fixture page, and what matching
 * against the bundled index makes of it (the story, how it was copied, why, and
 * every quote checked), one field per key. Shared by the regenerate script and
 * the golden test, so both read pages alike: a threshold change shows as a diff
 * of `match` or `quotes` on every page it moves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIndexFile, type OpenedIndex } from '../lib/index-file';
import { matchArticle } from '../lib/match';
import { creditSentence } from '../lib/labels';
import { toView } from '../lib/view';
import { extractFile } from './node-dom';

export const FIXTURE_PAGES = 'tests/fixtures/pages';
/** The index the extension ships, as `npm run check` reads it. */
const BUNDLED_INDEX = 'assets/index.json';

export interface GoldenMatch {
  story: string;
  relation: string;
  /** As the result gives it (already rounded). */
  score: number;
  why: string;
  /** The credit finding the overlay shows, in its words. */
  credit: string;
}

export interface GoldenQuote {
  text: string;
  speaker: string | null;
  original: string | null;
  originalSpeaker: string | null;
  fidelity: string;
}

export interface Golden {
  /** "article", or why there is none ("not-article", "empty", "too-large"). */
  result: string;
  title?: string;
  byline?: string | null;
  published?: string | null;
  updated?: string | null;
  siteName?: string | null;
  language?: string | null;
  canonicalUrl?: string | null;
  /** Body blocks as "kind: text", in reading order. */
  body?: string[];
  /** Metadata lines as "kind: text". */
  meta?: string[];
  /** Credits as "agency @ place: text". */
  credits?: string[];
  /** The wire story the page carries; null when there is none (or no article to match). */
  match: GoldenMatch | null;
  quotes: GoldenQuote[];
}

let bundled: OpenedIndex['index'] | null = null;
const bundledIndex = () => (bundled ??= openIndexFile(readFileSync(BUNDLED_INDEX)).index);

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_PAGES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export const goldenPath = (name: string) => join(FIXTURE_PAGES, name, 'expected.json');

export function readGolden(name: string): Golden {
  return JSON.parse(readFileSync(goldenPath(name), 'utf8')) as Golden;
}

export function goldenOf(name: string): Golden {
  const file = join(FIXTURE_PAGES, name, 'source.html');
  const result = extractFile(file, readFileSync(file, 'utf8'));
  if (!result.ok) return { result: result.reason, match: null, quotes: [] };
  const a = result.article;
  // Through the view, as the overlay gets it: the credits it judges are the page's credits of the story's agency.
  const view = toView(matchArticle(bundledIndex(), a), a.canonicalUrl, a.credits);
  return {
    result: 'article',
    title: a.title,
    byline: a.byline,
    published: a.published,
    updated: a.updated,
    siteName: a.siteName,
    language: a.language,
    canonicalUrl: a.canonicalUrl,
    body: a.blocks.map((b) => `${b.kind}: ${b.text}`),
    meta: a.meta.map((m) => `${m.kind}: ${m.text}`),
    credits: a.credits.map((c) => `${c.agency} @ ${c.place}: ${c.text}`),
    match: view.match && {
      story: view.match.story.id,
      relation: view.match.relation,
      score: view.match.score,
      why: view.match.evidence.why,
      credit: creditSentence(view.match.story.agency, view.match.credits, view.match.relation),
    },
    quotes: view.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      original: q.original,
      originalSpeaker: q.originalSpeaker,
      fidelity: q.fidelity,
    })),
  };
}

/**
 * A golden file as the fields one test each checks: the match's parts apart
 * ("match.relation", "match.score"), so a threshold change names what it
 * moved; a page with no match has the one field "match", null.
 */
export function goldenFields(golden: Partial<Golden>): Record<string, unknown> {
  const { match, ...rest } = golden;
  const fields: Record<string, unknown> = { ...rest };
  if (match === null) fields.match = null;
  else if (match) for (const [key, value] of Object.entries(match)) fields[`match.${key}`] = value;
  return fields;
}

/** The fields either side has, in the order the golden file lists them. */
export function fieldNames(...goldens: Array<Record<string, unknown>>): string[] {
  return [...new Set(goldens.flatMap((g) => Object.keys(g)))];
}
