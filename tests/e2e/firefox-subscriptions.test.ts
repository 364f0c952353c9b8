/**
 * Subscriptions in Firefox (ESR, WebDriver BiDi through puppeteer-core; firefox-harness.ts): the
 * scenarios of subscriptions.test.ts under the same names, with the same published site
 * (tests/fixtures/subscriptions/site.ts) and the same expectations. The fixture server is the
 * browser's proxy, so the background page's requests, which BiDi does not see, reach it and are
 * recorded with their headers like every other. A Chromium scenario that does not run here is
 * listed below with the reason and shows in the report as a skipped test saying so; the last test
 * fails when a subscription scenario is neither run here nor listed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
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
  PUBLISHER,
  publishSite,
  shardsOf,
  siteServer,
  SUBSCRIPTION_PAGES as PAGES,
  writeCorpusStory,
  writeKeyPair,
} from '../fixtures/subscriptions/site';
import {
  BRIDGE_PAGE,
  button,
  byLabel,
  ensureFirefoxBuilt,
  fill,
  FIREFOX,
  FIREFOX_HOSTS,
  shadow,
  startFirefox,
  textOf,
  waitForText,
  type FirefoxHarness,
} from './firefox-harness';
import { testNames } from './scenario-names';

const QUIET_WAIT_MS = 2_500;
/** How long a subscription's update (the manifest, its signature, the shards) may take. */
const UPDATE_MS = 15_000;
/** A cookie the index's host set earlier: a subscription's requests must never carry it. */
const HOST_COOKIE = { name: 'session', value: 'reader-42', domain: INDEX_HOST, path: '/' };

/** Chromium subscription scenarios that do not run in Firefox, and why. The key is the Chromium test's name. */
const NOT_IN_FIREFOX: Record<string, string> = {};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const haveFirefox = existsSync(FIREFOX);
if (!haveFirefox)
  console.warn(`Firefox browser tests skipped: no Firefox at ${FIREFOX} (apt-get install -y firefox-esr).`);

describe.skipIf(!haveFirefox)('subscriptions to a published index, in Firefox', () => {
  let harness: FirefoxHarness;
  let root: string;
  let corpus: string;
  let site: string;
  let keyFile: string;
  let publicKey: string;
  const tampered = new Map<string, Uint8Array>();

  const publish = () => publishSite(corpus, keyFile, site);
  const shards = () => shardsOf(site);
  const indexRequests = () => harness.exchanges.filter((e) => e.key.startsWith(`${INDEX_HOST}/`));
  /** What the tests themselves asked for: the fixture pages and the article that opens the first extension page. */
  const served = new Set([...Object.keys(PAGES), BRIDGE_PAGE]);
  /** What reached the proxy that the tests did not ask for, Firefox's own services aside. */
  const unasked = () =>
    harness.requests.filter((r) => !served.has(r) && !r.endsWith('/favicon.ico') && !FIREFOX_HOSTS.test(r));

  const open = (path: string) => harness.open(`http://${path}`);
  const options = () => harness.openExtensionPage('options.html');

  async function overlayShows(path: string, story: TestStory): Promise<void> {
    const page = await open(path);
    const badge = await shadow(page, '.badge');
    if ((await badge.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') await badge.click();
    await shadow(page, '.panel');
    const text = (await textOf(page, '.panel', true)) ?? '';
    expect(text).toContain(`From your subscription: ${PUBLISHER}`);
    expect(text).toContain(story.headline.slice(0, 30));
    await page.close();
  }

  async function noOverlay(path: string): Promise<void> {
    const page = await open(path);
    await sleep(QUIET_WAIT_MS);
    expect(await page.evaluate(() => document.querySelectorAll('wiretrace-overlay').length)).toBe(0);
    await page.close();
  }

  /** Waits for the options page's message (what the last click did) to say `text`. */
  const message = (page: Page, text: string) =>
    waitForText(page, '.subscriptions-message', text, { timeout: UPDATE_MS });
  /** The subscription's line on the options page, once it says `text` (it is listed again after each request). */
  const statusLine = (page: Page, text: string) => waitForText(page, '.subscriptions-list li', text);

  beforeAll(async () => {
    ensureFirefoxBuilt();
    root = mkdtempSync(join(tmpdir(), 'wiretrace-ff-subscriptions-'));
    corpus = join(root, 'corpus');
    site = join(root, 'site');
    ({ keyFile, publicKey } = await writeKeyPair(join(root, 'keys')));
    writeCorpusStory(corpus, 'glacier', GLACIER);
    writeCorpusStory(corpus, 'lighthouse', LIGHTHOUSE);
    await publish();
    harness = await startFirefox({ extraPages: { ...PAGES }, serve: siteServer(site, tampered) });
    const cookies = harness.browser.defaultBrowserContext();
    await cookies.setCookie(HOST_COOKIE);
    // Set where the browser keeps the host's own cookies, so that any request to it not made without them would carry it.
    expect((await cookies.cookies()).map((c) => `${c.domain} ${c.name}`)).toContain(`${INDEX_HOST} session`);
  });
  afterAll(async () => {
    await harness?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const [name, reason] of Object.entries(NOT_IN_FIREFOX)) it.skip(`${name} [not in Firefox: ${reason}]`);

  it('makes no request at all while there is no subscription, and the story is not known', async () => {
    const page = await options();
    await expect(waitForText(page, '.subscriptions-none', 'Wiretrace fetches nothing')).resolves.toContain(
      'No subscriptions',
    );
    await page.close();
    await noOverlay(COPY_GLACIER);
    expect(indexRequests()).toEqual([]);
    // The background page's requests too: every request of the browser goes through the proxy.
    expect(unasked()).toEqual([]);
  });

  it('subscribes through the options page; a page whose story is only in the subscription shows the overlay', async () => {
    const page = await options();
    await fill(await byLabel(page, 'Address of the index'), MANIFEST_URL);
    await fill(await byLabel(page, 'Publisher’s public key'), publicKey);
    await (await button(page, 'Subscribe')).click();
    await message(page, `Subscribed to ${PUBLISHER}: version 1, 2 stories`);
    await statusLine(page, 'version 1');
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
    await publish();
    const added = shards().filter((p) => !before.has(p));
    expect(added).toHaveLength(1);
    const from = indexRequests().length;
    const page = await options();
    await (await button(page, `Update now: ${PUBLISHER}`)).click();
    await message(page, `${PUBLISHER} updated: version 2, 3 stories`);
    await statusLine(page, 'the changes only, 2 files');
    await page.close();
    const fetched = indexRequests()
      .slice(from)
      .filter((e) => !e.key.endsWith('/manifest'))
      .map((e) => e.key);
    expect(fetched).toEqual([`${INDEX_HOST}/wire/${added[0]}`]);
    await overlayShows(COPY_GLACIER, GLACIER);
    await overlayShows(COPY_ORCHARD, ORCHARD);
  });

  it('refuses a tampered shard: the status names the failure, the old stories still match', async () => {
    const before = new Set(shards());
    writeCorpusStory(corpus, 'ferry', FERRY);
    await publish();
    const [added] = shards().filter((p) => !before.has(p));
    const bytes = new Uint8Array(readFileSync(join(site, added!)));
    bytes[0] = bytes[0]! ^ 0xff;
    tampered.set(added!, bytes);
    const page = await options();
    await (await button(page, `Update now: ${PUBLISHER}`)).click();
    await message(page, `${PUBLISHER} was not updated`);
    const line = await statusLine(page, 'Version 2 is still in use');
    expect(line).toContain('does not match its SHA-256 in the manifest');
    await page.close();
    await overlayShows(COPY_ORCHARD, ORCHARD);
    await overlayShows(COPY_GLACIER, GLACIER);
  });

  it('asked the index host only for its files, by GET, without cookies, referrer or page text; nothing reached a console', () => {
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
    // Beyond the pages the tests opened, the browser asked for the published files and nothing else.
    const outside = unasked();
    for (const url of outside) expect(url).toMatch(PUBLISHED_FILE);
    // Any page's console and uncaught errors, and what Firefox printed: the background page's console included.
    expect(harness.problems).toEqual([]);
    expect(harness.browserLog).toEqual([]);
  });
});

describe('Firefox subscription scenarios', () => {
  it('runs every Chromium subscription scenario in Firefox too, or says here why not', () => {
    const own = new Set(testNames('tests/e2e/firefox-subscriptions.test.ts'));
    const missing = testNames('tests/e2e/subscriptions.test.ts').filter(
      (name) => !own.has(name) && !(name in NOT_IN_FIREFOX),
    );
    // A scenario added to subscriptions.test.ts: port it here, or add it to NOT_IN_FIREFOX with the reason.
    expect(missing).toEqual([]);
  });
});
