import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The browser-test build (npm run build:e2e): the production code with the overlay's shadow root
 * open, so tests can click inside it. The production build, shadow root closed, is tested too.
 */
export const EXTENSION_DIR = resolve('.output/e2e/chrome-mv3');
export const PRODUCTION_DIR = resolve('.output/chrome-mv3');

/** Fixture pages served under the real hostnames and paths the content script matches. */
export const ROUTES: Record<string, string> = {
  'uk.investing.com/news/world-news/no-ultimatums-russia-sets-out-security-demands-at-nato-meeting-2560408':
    'investing-article',
  'www.tbsnews.net/worldbiz/politics/nato-offers-arms-talks-russia-avert-real-risk-conflict-356629': 'tbs-article',
  'uk.investing.com/news/stock-market-news/regional-banks-1': 'investing-unrelated',
  'uk.investing.com/': 'investing-home',
  // A rewrite with altered quotes (one given twice), and an edited copy with every kind of paragraph.
  'gettotext.com/nato-ready-to-negotiate-on-missiles-moscow-warns-of-dangers/': 'gettotext-article',
  'news.cgtn.com/news/2022-01-12/NATO-chief-says-allies-ready-for-more-Russia-talks-16LKbacPXCU/index.html':
    'cgtn-article',
  // The same article on a site Wiretrace may not touch unless the reader asks.
  'www.example-news.org/world/nato-talks': 'investing-article',
};

/**
 * A single-page-app start page: the unrelated article, plus links that swap the
 * body for another article's and push its URL, as news sites' front-end routers do.
 */
export const SPA_START = 'uk.investing.com/news/spa-start';

function spaPage(): string {
  const html = readFileSync(join('tests/fixtures/pages', 'investing-unrelated', 'source.html'), 'utf8');
  const router = `<nav id="spa-nav"><a href="/news/world-news/no-ultimatums-russia-sets-out-security-demands-at-nato-meeting-2560408" data-spa>NATO story</a> <a href="/news/stock-market-news/regional-banks-1" data-spa>Banks story</a></nav>
<script>
document.addEventListener('click', async (event) => {
  const link = event.target.closest('a[data-spa]');
  if (!link) return;
  event.preventDefault();
  const text = await (await fetch(link.getAttribute('href'))).text();
  const next = new DOMParser().parseFromString(text, 'text/html');
  const nav = document.getElementById('spa-nav');
  document.title = next.title;
  for (const el of Array.from(document.body.children)) if (el !== nav && el.tagName !== 'SCRIPT' && !el.tagName.includes('-')) el.remove();
  for (const el of Array.from(next.body.children)) document.body.appendChild(el);
  history.pushState({}, '', link.getAttribute('href'));
});
</script>`;
  return html.replace('<body>', `<body>\n${router}`);
}

/** A response a test makes itself (a published index's files: binary, with their own headers). */
export interface Served {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

/** A test's own answer to a request (host + path, with its headers), or undefined for the fixture pages'. */
export type Serve = (key: string, headers: IncomingHttpHeaders) => Served | undefined;

/** A request as it reached the server: method, host + path, headers. */
export interface Exchange {
  method: string;
  key: string;
  headers: IncomingHttpHeaders;
}

export interface FixtureServer {
  port: number;
  /** Every request that reached the server, as host + path (a CONNECT as host:port). */
  requests: string[];
  /** The same requests with their method and headers. */
  exchanges: Exchange[];
  close(): Promise<void>;
}

/**
 * The loopback server of the fixture pages, under the hostnames and paths the content script
 * matches. It answers a browser that resolves every name to it (Chromium) as well as one that
 * uses it as its HTTP proxy (Firefox: the request line then carries the whole URL); an HTTPS
 * tunnel asked of it as a proxy is recorded and refused.
 */
export async function startFixtureServer(
  /** More pages to serve, host + path → HTML. */
  extraPages: Record<string, string> = {},
  serve?: Serve,
): Promise<FixtureServer> {
  const requests: string[] = [];
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'unknown'}`);
    const key = `${url.hostname}${url.pathname}${url.search}`;
    requests.push(key);
    exchanges.push({ method: req.method ?? '', key, headers: req.headers });
    const own = serve?.(key, req.headers);
    if (own) {
      res.writeHead(own.status, own.headers ?? {});
      res.end(own.body);
      return;
    }
    if (extraPages[key] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(extraPages[key]);
      return;
    }
    const fixture = ROUTES[key];
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (key === SPA_START) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(spaPage());
      return;
    }
    if (!fixture) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join('tests/fixtures/pages', fixture, 'source.html')));
  });
  server.on('connect', (req, socket) => {
    requests.push(req.url ?? '');
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    exchanges,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface Harness {
  context: BrowserContext;
  /** Every request that reached the loopback server, as host + path. */
  requests: string[];
  /** The same requests with their method and headers. */
  exchanges: Exchange[];
  /** Every request the browser made (pages, extension pages, the extension's service worker), as URLs. */
  browserRequests: Array<{ url: string; fromServiceWorker: boolean }>;
  close(): Promise<void>;
}

/** Builds the Chrome extension (test and production builds) when missing (npm test builds both first). */
export function ensureBuilt(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) execSync('npm run build:e2e', { stdio: 'inherit' });
  if (!existsSync(join(PRODUCTION_DIR, 'manifest.json'))) execSync('npx wxt build', { stdio: 'inherit' });
}

/**
 * Starts a loopback server for the fixture pages and Chromium with the built
 * extension. Every hostname resolves to the server, so any request the
 * extension or page makes anywhere is recorded, and nothing leaves the machine.
 */
export async function startHarness(
  extension: string = EXTENSION_DIR,
  /** More pages to serve, host + path → HTML. */
  extraPages: Record<string, string> = {},
  /** A test's own answers (before the pages'). */
  serve?: Serve,
): Promise<Harness> {
  const server = await startFixtureServer(extraPages, serve);
  const userDataDir = mkdtempSync(join(tmpdir(), 'wiretrace-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--host-resolver-rules=MAP * 127.0.0.1:${server.port}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const browserRequests: Harness['browserRequests'] = [];
  context.on('request', (request) =>
    browserRequests.push({ url: request.url(), fromServiceWorker: request.serviceWorker() !== null }),
  );
  return {
    context,
    requests: server.requests,
    exchanges: server.exchanges,
    browserRequests,
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The extension's id, read from its service worker's URL. */
export async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** Serious and critical accessibility violations of a page (axe-core, injected through the debugger protocol so no CSP blocks it). */
export async function seriousViolations(
  page: import('playwright-core').Page,
  include?: string,
): Promise<Array<{ id: string; impact: string | null; nodes: number; help: string }>> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const all = await page.evaluate(async (selector) => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: unknown[]; help: string }> };
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  }, include ?? null);
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
