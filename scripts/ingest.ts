/**
 * Reads wire feeds and article pages into a corpus (docs/INDEX.md), so
 * build:index and publish read them:
 *   npm run ingest -- --out CORPUS_DIR [--agency NAME] [--contact EMAIL] [--delay MS] [--max-pages N] SOURCE...
 * A SOURCE is a file or an http(s) URL of RSS 2.0, Atom, JSON Feed, IPTC
 * ninjs, IPTC NewsML-G2, a news sitemap (its article pages are fetched and
 * read) or an HTML article page (read with the content script's
 * extraction). URLs are fetched politely (scripts/polite-fetch.ts).
 * Write-throughs of one story are grouped into one corpus story
 * (lib/ingest-group.ts), also across runs: CORPUS_DIR/.ingest-state.json
 * keeps what grouping and conditional requests need. One bad source or page
 * is reported and the others are read; the exit code is 1 if any failed.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { storyParagraphs } from '../lib/article';
import { extractDocument } from '../lib/extract';
import { FeedError, MAX_FEED_BYTES, readFeed, type FeedItem } from '../lib/feeds';
import { corpusStoryJson, groupItem, type IngestStory } from '../lib/ingest-group';
import { parseHtml } from './node-dom';
import { FetchError, PoliteFetcher, type CacheEntry } from './polite-fetch';

const STATE_FILE = '.ingest-state.json';
/** Pages a sitemap may send the fetcher to in one run. */
const DEFAULT_MAX_PAGES = 200;

interface IngestState {
  stories: IngestStory[];
  http: Record<string, CacheEntry>;
}

export interface SourceReport {
  source: string;
  kind?: string;
  error?: string;
  items: number;
  newStories: number;
  newVersions: number;
  same: number;
  withoutText: number;
}

export interface IngestOptions {
  out: string;
  agency?: string;
  contact?: string;
  delayMs?: number;
  maxPages?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Paragraphs of an HTML fragment (a feed item's body). */
function htmlParagraphs(html: string): string[] {
  const doc = parseHtml(`<!doctype html><html><body>${html}</body></html>`);
  const ps = [...doc.querySelectorAll('p')].map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim());
  const found = ps.filter(Boolean);
  if (found.length) return found;
  return (doc.body?.textContent ?? '')
    .split(/\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** An article page as a feed item, by the content script's extraction. */
function pageItem(html: string, url: string | null): FeedItem {
  const result = extractDocument(parseHtml(html), { skipDetect: true });
  if (!result.ok) throw new FeedError(`no article found on the page (${result.reason}).`);
  const a = result.article;
  return {
    key: null,
    version: null,
    url: a.canonicalUrl ?? url,
    title: a.title,
    date: a.updated ?? a.published,
    agency: a.siteName,
    bylines: a.byline ? [a.byline] : [],
    dateline: null,
    language: a.language,
    paragraphs: storyParagraphs(a),
  };
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

export async function ingest(sources: readonly string[], options: IngestOptions): Promise<SourceReport[]> {
  mkdirSync(options.out, { recursive: true });
  const statePath = join(options.out, STATE_FILE);
  const state: IngestState = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as IngestState)
    : { stories: [], http: {} };
  const fetcher = new PoliteFetcher({
    contact: options.contact,
    hostDelayMs: options.delayMs,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    cache: state.http,
  });
  const agency = options.agency ?? 'Unknown agency';
  const changed = new Set<IngestStory>();
  let pagesLeft = options.maxPages ?? DEFAULT_MAX_PAGES;

  const take = (report: SourceReport, items: FeedItem[], texts: Map<string, string[]>) => {
    for (const item of items) {
      report.items++;
      if (!item.paragraphs.length) {
        report.withoutText++;
        continue;
      }
      const placed = groupItem(state.stories, item, agency);
      if (placed.kind === 'same') report.same++;
      else {
        if (placed.kind === 'new') report.newStories++;
        else report.newVersions++;
        changed.add(placed.story);
        texts.set(`${placed.story.id}/${placed.version.id}`, [item.title, ...item.paragraphs]);
      }
    }
  };

  const texts = new Map<string, string[]>();
  const reports: SourceReport[] = [];
  const read = async (source: string): Promise<{ bytes: Uint8Array; url: string | null } | 'not-modified'> => {
    if (isUrl(source)) {
      const got = await fetcher.get(source);
      return got.status === 'ok' ? { bytes: got.bytes, url: got.url } : 'not-modified';
    }
    const size = statSync(source).size;
    if (size > (options.maxBytes ?? MAX_FEED_BYTES))
      throw new FeedError(`${size} bytes, more than the feed size cap: refused.`);
    return { bytes: new Uint8Array(readFileSync(source)), url: null };
  };

  const readSource = async (source: string, depth: number): Promise<void> => {
    const report: SourceReport = { source, items: 0, newStories: 0, newVersions: 0, same: 0, withoutText: 0 };
    reports.push(report);
    try {
      const got = await read(source);
      if (got === 'not-modified') {
        report.kind = 'not modified';
        return;
      }
      const feed = readFeed(got.bytes, { htmlParagraphs });
      report.kind = feed.kind;
      if (feed.kind === 'html') take(report, [pageItem(new TextDecoder().decode(got.bytes), got.url)], texts);
      else take(report, feed.items, texts);
      // A news sitemap names pages (or, from an index, more sitemaps): each is read as its own source.
      for (const link of feed.links) {
        if (pagesLeft-- <= 0 || depth > 1) break;
        await readSource(link, depth + 1);
      }
    } catch (error) {
      if (!(error instanceof FeedError || error instanceof FetchError || (error as NodeJS.ErrnoException).code))
        throw error;
      report.error = error instanceof Error ? error.message : String(error);
    }
  };

  for (const source of sources) await readSource(source, 0);

  for (const story of changed) {
    const dir = join(options.out, story.id);
    mkdirSync(join(dir, 'versions'), { recursive: true });
    for (const v of story.versions) {
      const lines = texts.get(`${story.id}/${v.id}`);
      if (lines) writeFileSync(join(dir, 'versions', `${v.id}.txt`), `${lines.join('\n\n')}\n`);
    }
    writeFileSync(join(dir, 'story.json'), `${JSON.stringify(corpusStoryJson(story), null, 2)}\n`);
  }
  writeFileSync(statePath, `${JSON.stringify(state)}\n`);
  return reports;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      agency: { type: 'string' },
      contact: { type: 'string' },
      delay: { type: 'string' },
      'max-pages': { type: 'string' },
    },
  });
  if (!values.out || positionals.length === 0) {
    console.error(
      'usage: npm run ingest -- --out CORPUS_DIR [--agency NAME] [--contact EMAIL] [--delay MS] [--max-pages N] SOURCE...',
    );
    process.exit(2);
  }
  const started = performance.now();
  const reports = await ingest(positionals, {
    out: values.out,
    agency: values.agency,
    contact: values.contact,
    delayMs: values.delay === undefined ? undefined : Number(values.delay),
    maxPages: values['max-pages'] === undefined ? undefined : Number(values['max-pages']),
  });
  let items = 0;
  for (const r of reports) {
    items += r.items;
    if (r.error) console.error(`${r.source}: ${r.error}`);
    else
      console.log(
        `${r.source}: ${r.kind}, ${r.items} items: ${r.newStories} new stories, ${r.newVersions} new write-throughs, ${r.same} already held${r.withoutText ? `, ${r.withoutText} without text (skipped)` : ''}`,
      );
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${items} items in ${seconds.toFixed(2)} s (${Math.round(items / seconds)} items/s) into ${values.out}`);
  process.exit(reports.some((r) => r.error) ? 1 : 0);
}
