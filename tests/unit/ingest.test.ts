import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError, readFeed } from '../../lib/feeds';
import { ingest } from '../../scripts/ingest';
import { robotsAllow, robotsRules } from '../../scripts/polite-fetch';

const FEEDS = 'tests/fixtures/feeds';
const fixture = (name: string) => new Uint8Array(readFileSync(join(FEEDS, name)));
/** Feed HTML bodies as the ingest reads them, without a DOM: each <p> a paragraph. */
const htmlParagraphs = (html: string) =>
  [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
const read = (name: string) => readFeed(fixture(name), { htmlParagraphs });

describe('each feed format is read from a file that follows its public spec', () => {
  it.each([
    [
      'rss2.xml',
      'rss',
      3,
      'Glacier retreat opens new shipping lane in northern fjord',
      'example-wire:2026:glacier-lane',
    ],
    ['atom.xml', 'atom', 2, 'Volcano on remote island erupts, flights diverted', 'tag:wire.example,2026-11-23:volcano'],
    ['feed.json', 'json-feed', 2, 'Historic stone bridge reopens after three-year restoration', 'jf-2026-11-23-bridge'],
    [
      'ninjs-v1.json',
      'ninjs',
      1,
      'Government pledges drought aid for southern farmers',
      'urn:example-wire:2026:drought-aid',
    ],
    [
      'ninjs-v2.json',
      'ninjs',
      1,
      'Government pledges 40 million dollars in drought aid; unions say it is not enough',
      'urn:example-wire:2026:drought-aid',
    ],
    [
      'newsml-g2.xml',
      'newsml-g2',
      2,
      'Weather satellite launched from coastal spaceport',
      'urn:newsml:wire.example:20261123:satellite',
    ],
  ])('%s', (name, kind, count, title, key) => {
    const feed = read(name);
    expect(feed.kind).toBe(kind);
    expect(feed.items).toHaveLength(count);
    const first = feed.items[0]!;
    expect(first).toMatchObject({ title, key });
    expect(first.paragraphs.length).toBeGreaterThanOrEqual(2);
    expect(first.paragraphs.every((p) => p.length > 20 && !p.includes('<'))).toBe(true);
    expect(first.date).toMatch(/^2026-11-2\dT/);
  });

  it('reads versions and bylines where the format has them', () => {
    expect(read('newsml-g2.xml').items.map((i) => [i.version, i.bylines, i.dateline])).toEqual([
      [1, ['Nadia Petrova'], 'ALCANTARA'],
      [2, ['Nadia Petrova'], 'ALCANTARA'],
    ]);
    expect(read('newsml-g2.xml').items[1]!.paragraphs[1]).toContain('sent its first signals to a ground station');
    expect(read('ninjs-v2.json').items[0]).toMatchObject({
      version: 2,
      bylines: ['Amara Okafor'],
      agency: 'Example Wire',
    });
  });

  it('a news sitemap gives the article pages it marks as news, to be read as pages', () => {
    expect(read('news-sitemap.xml')).toEqual({
      kind: 'sitemap',
      items: [],
      links: ['https://wire.example/world/harbour-strike'],
    });
  });

  it('an HTML page is recognised as one (read with the page extraction)', () => {
    expect(read('article.html').kind).toBe('html');
  });
});

describe('a malformed or hostile feed is refused with a clear error', () => {
  it.each([
    ['billion-laughs.xml', /declares XML entities/],
    ['invalid-utf8.xml', /not valid UTF-8/],
    ['malformed.xml', /not well-formed XML/],
  ])('%s', (name, message) => {
    expect(() => read(name)).toThrow(FeedError);
    expect(() => read(name)).toThrow(message);
  });

  it('JSON that is no feed', () => {
    expect(() => readFeed(new TextEncoder().encode('{"hello": 1}'), { htmlParagraphs })).toThrow(
      /neither a JSON Feed nor IPTC ninjs/,
    );
  });
});

describe('robots.txt', () => {
  const rules = robotsRules(
    'User-agent: *\nDisallow: /private/\n\nUser-agent: Wiretrace\nDisallow: /feeds/\nAllow: /feeds/open.xml\n',
  );
  it.each([
    ['/feeds/closed.xml', false],
    ['/feeds/open.xml', true],
    ['/private/x', true],
    ['/news/a', true],
  ])('Wiretrace may fetch %s: %s', (path, allowed) => {
    expect(robotsAllow(rules, path)).toBe(allowed);
  });
});

describe('npm run ingest', () => {
  let server: Server;
  let base: string;
  const seen: IncomingMessage[] = [];
  const rss = readFileSync(join(FEEDS, 'rss2.xml'));
  const article = readFileSync(join(FEEDS, 'article.html'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      const url = req.url ?? '/';
      if (url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /secret/\n');
      if (url === '/rss.xml') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        return void res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end(rss);
      }
      if (url === '/sitemap.xml')
        return void res.end(
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${base}/article.html</loc><news:news><news:title>Strike</news:title></news:news></url></urlset>`,
        );
      if (url === '/article.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(article);
      if (url === '/huge.xml') {
        // Announces 500 MB; a polite reader refuses before reading any of it.
        res.writeHead(200, { 'content-length': String(500 * 1024 * 1024) });
        return void res.write('<rss>');
      }
      if (url === '/endless.xml') {
        // A feed that never ends: chunks for as long as the reader reads.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const timer = setInterval(() => res.write(`<item><title>${'x'.repeat(8000)}</title></item>`), 1);
        res.on('close', () => clearInterval(timer));
        return void res.write('<rss version="2.0"><channel>');
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = (out: string) => ({
    out,
    agency: 'Example Wire',
    delayMs: 0,
    maxBytes: 1024 * 1024,
    timeoutMs: 5000,
  });

  it('reads every source it can, groups write-throughs, and reports each bad one', { timeout: 30_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'wiretrace-ingest-'));
    const reports = await ingest(
      [
        join(FEEDS, 'billion-laughs.xml'),
        `${base}/rss.xml`,
        `${base}/huge.xml`,
        `${base}/endless.xml`,
        `${base}/secret/feed.xml`,
        join(FEEDS, 'ninjs-v1.json'),
        join(FEEDS, 'ninjs-v2.json'),
        join(FEEDS, 'invalid-utf8.xml'),
        `${base}/sitemap.xml`,
      ],
      options(out),
    );
    const bySource = Object.fromEntries(reports.map((r) => [r.source.replace(base, ''), r]));
    expect(bySource[join(FEEDS, 'billion-laughs.xml')]!.error).toMatch(/entities/);
    expect(bySource['/huge.xml']!.error).toMatch(/announces 524288000 bytes/);
    expect(bySource['/endless.xml']!.error).toMatch(/does not end/);
    expect(bySource['/secret/feed.xml']!.error).toMatch(/robots.txt disallows/);
    expect(bySource[join(FEEDS, 'invalid-utf8.xml')]!.error).toMatch(/UTF-8/);
    // The RSS guid groups the glacier story's two write-throughs; ninjs uri and version group the drought aid's.
    expect(bySource['/rss.xml']).toMatchObject({ kind: 'rss', newStories: 2, newVersions: 1 });
    expect(bySource[join(FEEDS, 'ninjs-v2.json')]).toMatchObject({ newStories: 0, newVersions: 1 });
    expect(bySource['/article.html']).toMatchObject({ kind: 'html', newStories: 1 });

    const stories = readdirSync(out).filter((d) => existsSync(join(out, d, 'story.json')));
    expect(stories).toHaveLength(4);
    const glacier = stories
      .map((d) => JSON.parse(readFileSync(join(out, d, 'story.json'), 'utf8')))
      .find((s) => s.headlines[0].startsWith('Glacier'));
    expect(glacier.versions.map((v: { writeThrough: string }) => v.writeThrough)).toEqual(['earlier-1', 'latest']);

    // Every request named Wiretrace; none carried a cookie.
    expect(seen.every((r) => /Wiretrace/.test(r.headers['user-agent'] ?? '') && !r.headers.cookie)).toBe(true);

    // Again: the unchanged feed is asked for conditionally and costs a 304.
    const again = await ingest([`${base}/rss.xml`], options(out));
    expect(again[0]).toMatchObject({ kind: 'not modified', items: 0 });
  });

  it('the same text again adds nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wiretrace-ingest-'));
    await ingest([join(FEEDS, 'atom.xml')], options(out));
    const [report] = await ingest([join(FEEDS, 'atom.xml')], options(out));
    expect(report).toMatchObject({ items: 2, newStories: 0, newVersions: 0, same: 2 });
  });
});
