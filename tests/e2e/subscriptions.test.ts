/**
 * Subscriptions in Chromium (issue 14): a site published by scripts/publish.ts from stories
 * written for this test, served on loopback under a real hostname; the reader subscribes through
 * the options page; a page whose story is only in the subscription shows the overlay; the
 * publisher adds a story and "Update now" fetches only the delta; a tampered shard is refused
 * with the old stories still matching. Without a subscription the extension requests nothing;
 * with one, only GETs of the published files, without cookies, referrer or page text.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FERRY, type TestStory } from '../fixtures/learning/stories';
import {
  COPY_GLACIER,
  COPY_ORCHARD,
  GLACIER,
  INDEX_HOST,
  LIGHTHOUSE,
  MANIFEST_URL,
  ORCHARD,
  PAGE_WORDS,
  PUBLISHED_FILE,
  publishSite as publishTo,
  shardsOf,
  siteServer,
  SUBSCRIPTION_PAGES as PAGES,
  writeCorpusStory,
  writeKeyPair,
} from '../fixtures/subscriptions/site';
import { CHROMIUM, ensureBuilt, extensionId, seriousViolations, startHarness, type Harness } from './harness';

const QUIET_WAIT_MS = 2_500;
const SCREENSHOTS = resolve('test-results/screenshots');
const SCHEMES = ['light', 'dark'] as const;
/** Chromium's own update checks, made by the browser whatever extension is loaded (as in overlay.test.ts). */
const BROWSER_HOSTS = /^(update\.googleapis\.com|[a-z0-9.-]*\.gvt1\.com|[a-z0-9.-]*\.google(apis)?\.com)\//;

const haveChromium = existsSync(CHROMIUM);

describe.skipIf(!haveChromium)('subscriptions to a published index, in Chromium', () => {
  let harness: Harness;
  let root: string;
  let corpus: string;
  let site: string;
  let keyFile: string;
  let publicKey: string;
  const tampered = new Map<string, Uint8Array>();
  const errors: string[] = [];

  const publishSite = () => publishTo(corpus, keyFile, site);
  const shards = () => shardsOf(site);
  const indexRequests = () => harness.exchanges.filter((e) => e.key.startsWith(`${INDEX_HOST}/`));

  async function open(path: string): Promise<Page> {
    const page = await harness.context.newPage();
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(`${path}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    await page.goto(path.startsWith('chrome-extension://') ? path : `http://${path}`);
    return page;
  }
  const options = async () => open(`chrome-extension://${await extensionId(harness.context)}/options.html`);

  /** Screenshots of a page in light and dark, each checked by axe-core first: what a reader of either theme sees. */
  async function lookAt(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
    }
  }

  async function overlayShows(path: string, story: TestStory, look?: (page: Page) => Promise<void>): Promise<void> {
    const page = await open(path);
    const badge = page.locator('wiretrace-overlay .badge');
    await badge.waitFor({ timeout: 15_000 });
    if ((await badge.getAttribute('aria-expanded')) !== 'true') await badge.click();
    const panel = page.locator('wiretrace-overlay .panel');
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('From your subscription: Example Wire');
    expect(text).toContain(story.headline.slice(0, 30));
    await look?.(page);
    await page.close();
  }

  async function noOverlay(path: string): Promise<void> {
    const page = await open(path);
    await page.waitForTimeout(QUIET_WAIT_MS);
    expect(await page.locator('wiretrace-overlay').count()).toBe(0);
    await page.close();
  }

  /** The subscription's line on the options page, once it says something other than `before`. */
  async function statusLine(page: Page): Promise<string> {
    const item = page.locator('.subscriptions-list li');
    await item.waitFor();
    return (await item.textContent()) ?? '';
  }

  beforeAll(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'wiretrace-e2e-subscriptions-'));
    corpus = join(root, 'corpus');
    site = join(root, 'site');
    ({ keyFile, publicKey } = await writeKeyPair(join(root, 'keys')));
    writeCorpusStory(corpus, 'glacier', GLACIER);
    writeCorpusStory(corpus, 'lighthouse', LIGHTHOUSE);
    await publishSite();
    harness = await startHarness(undefined, PAGES, siteServer(site, tampered));
    // A cookie the index's host set earlier: a subscription's requests must never carry it.
    await harness.context.addCookies([{ name: 'session', value: 'reader-42', domain: INDEX_HOST, path: '/' }]);
  });
  afterAll(async () => {
    await harness?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('makes no request at all while there is no subscription, and the story is not known', async () => {
    const page = await options();
    await expect(page.locator('.subscriptions-none').textContent()).resolves.toContain('Wiretrace fetches nothing');
    await page.close();
    await noOverlay(COPY_GLACIER);
    expect(indexRequests()).toEqual([]);
    const own = `chrome-extension://${await extensionId(harness.context)}/`;
    expect(harness.browserRequests.filter((r) => r.fromServiceWorker && !r.url.startsWith(own))).toEqual([]);
  });

  it('subscribes through the options page; a page whose story is only in the subscription shows the overlay', async () => {
    const page = await options();
    await page.locator('input[name="subscription-url"]').fill(MANIFEST_URL);
    await page.locator('input[name="subscription-key"]').fill(publicKey);
    await page.locator('fieldset.subscriptions button[type="submit"]').click();
    await expect
      .poll(() => page.locator('.subscriptions-message').textContent(), { timeout: 15_000 })
      .toContain('Subscribed to Example Wire: version 1, 2 stories');
    expect(await statusLine(page)).toContain('version 1');
    await lookAt(page, 'options-subscription');
    await page.close();
    expect(indexRequests().map((e) => e.key)).toEqual([
      `${INDEX_HOST}/wire/manifest`,
      ...shards().map((p) => `${INDEX_HOST}/wire/${p}`),
    ]);
    await overlayShows(COPY_GLACIER, GLACIER);
    await noOverlay(COPY_ORCHARD);
  });

  it('"Update now" after the publisher adds a story fetches only the delta, and the new story matches', async () => {
    const before = new Set(shards());
    writeCorpusStory(corpus, 'orchard', ORCHARD);
    await publishSite();
    const added = shards().filter((p) => !before.has(p));
    expect(added).toHaveLength(1);
    const from = indexRequests().length;
    const page = await options();
    await page.locator('.subscriptions-list button', { hasText: 'Update now' }).click();
    await expect
      .poll(() => page.locator('.subscriptions-message').textContent(), { timeout: 15_000 })
      .toContain('Example Wire updated: version 2, 3 stories');
    expect(await statusLine(page)).toContain('the changes only, 2 files');
    await page.close();
    const fetched = indexRequests()
      .slice(from)
      .filter((e) => !e.key.endsWith('/manifest'))
      .map((e) => e.key);
    expect(fetched).toEqual([`${INDEX_HOST}/wire/${added[0]}`]);
    await overlayShows(COPY_GLACIER, GLACIER);
    await overlayShows(COPY_ORCHARD, ORCHARD, async (page) => {
      await lookAt(page, 'overlay-subscription');
      // The compare page of a story known only from a compact index: it says what it cannot show.
      const [compare] = await Promise.all([
        harness.context.waitForEvent('page'),
        page.locator('wiretrace-overlay .compare-link').click(),
      ]);
      await compare.locator('h1').waitFor({ timeout: 10_000 });
      await expect(compare.locator('.no-text').textContent()).resolves.toContain(
        'holds no wire text (a compact index: fingerprints, quotes and details only)',
      );
      // What each quote originally said stays on it: quotes are what a compact index does carry.
      await expect(compare.locator('.quotes tbody').textContent()).resolves.toContain(
        'In forty years I have not seen a May like this',
      );
      await lookAt(compare, 'compare-subscription');
      await compare.close();
    });
  });

  it('refuses a tampered shard: the status names the failure, the old stories still match', async () => {
    const before = new Set(shards());
    writeCorpusStory(corpus, 'ferry', FERRY);
    await publishSite();
    const [added] = shards().filter((p) => !before.has(p));
    const bytes = new Uint8Array(readFileSync(join(site, added!)));
    bytes[0] = bytes[0]! ^ 0xff;
    tampered.set(added!, bytes);
    const page = await options();
    await page.locator('.subscriptions-list button', { hasText: 'Update now' }).click();
    await expect
      .poll(() => page.locator('.subscriptions-message').textContent(), { timeout: 15_000 })
      .toContain('Example Wire was not updated');
    const line = await statusLine(page);
    expect(line).toContain('does not match its SHA-256 in the manifest');
    expect(line).toContain('Version 2 is still in use');
    await lookAt(page, 'options-subscription-failed');
    await page.close();
    await overlayShows(COPY_ORCHARD, ORCHARD);
    await overlayShows(COPY_GLACIER, GLACIER);
  });

  it('asked the index host only for its files, by GET, without cookies, referrer or page text; nothing reached a console', async () => {
    const requests = indexRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const { method, key, headers } of requests) {
      expect(method).toBe('GET');
      expect(key).toMatch(PUBLISHED_FILE);
      expect(headers.cookie).toBeUndefined();
      expect(headers.referer).toBeUndefined();
      // The URL is a published file's name (above); nothing of the pages read may ride in a header either.
      const sent = Object.values(headers).join(' ').toLowerCase();
      for (const word of PAGE_WORDS) expect(sent).not.toContain(word.toLowerCase());
    }
    const own = `chrome-extension://${await extensionId(harness.context)}/`;
    const outside = harness.browserRequests
      .filter((r) => r.fromServiceWorker && !r.url.startsWith(own))
      .map((r) => r.url.replace(/^https?:\/\//, ''));
    for (const url of outside) expect(url).toMatch(PUBLISHED_FILE);
    expect(
      harness.requests
        .filter((r) => !BROWSER_HOSTS.test(r) && !r.endsWith('/favicon.ico'))
        .every((r) => PUBLISHED_FILE.test(r) || r in PAGES),
    ).toBe(true);
    expect(errors).toEqual([]);
  });
});
