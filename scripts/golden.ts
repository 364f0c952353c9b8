/**
 * Golden files: what extraction gives for each fixture page, one field per key.
 * Shared by the regenerate script and the golden test, so both read pages alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from './node-dom';

export const FIXTURE_PAGES = 'tests/fixtures/pages';

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
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_PAGES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function goldenOf(name: string): Golden {
  const file = join(FIXTURE_PAGES, name, 'source.html');
  const result = extractFile(file, readFileSync(file, 'utf8'));
  if (!result.ok) return { result: result.reason };
  const a = result.article;
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
  };
}
