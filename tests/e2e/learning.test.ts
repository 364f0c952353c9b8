/**
 * Learning in Chromium: stories learned from a wire agency's own page (fixture pages under the
 * real hostnames, text written for these tests), copies of them recognised on a listed news site,
 * the first-run page, the options that manage what was learned, export and import, and "Add this
 * page to my stories" on a site the content script does not run on. Nothing reaches any address
 * but the fixture pages, and nothing reaches the pages' consoles.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceLine } from '../../lib/labels';
import { FERRY, FERRY_UPDATE } from '../fixtures/learning/stories';
import { ES_EN_LIST } from '../fixtures/learning/ferry-es';
import {
  AP_BUS,
  AP_FERRY,
  AP_HOME,
  apPage,
  COPY_BUS,
  COPY_CUT,
  COPY_REWORDED,
  COPY_WHOLE,
  learningPages,
  PRESS_COPY,
  PRESS_RELEASE,
  SPANISH_COPY,
} from '../fixtures/learning/pages';
import { CHROMIUM, ensureBuilt, extensionId, seriousViolations, startHarness, type Harness } from './harness';

const QUIET_WAIT_MS = 2_500;
/** Chromium's own update checks, made by the browser whatever extension is loaded (as in overlay.test.ts). */
const BROWSER_HOSTS = /^(update\.googleapis\.com|[a-z0-9.-]*\.gvt1\.com|[a-z0-9.-]*\.google(apis)?\.com)\//;
const SCREENSHOTS = resolve('test-results/screenshots');

/** Every page these tests serve, by host + path (mutable: the AP page is updated in place). */
const PAGES = learningPages();

const today = () => new Date().toISOString().slice(0, 10);
const fromReading = () => sourceLine({ kind: 'learned', site: 'apnews.com', date: today() });

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);

/** Opens pages and extension pages of one browser, recording what reaches the pages' consoles. */
function browserOf(harness: () => Harness) {
  const errors: string[] = [];
  const watch = (page: Page, name: string) => {
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(`${name}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  };
  return {
    errors,
    async open(path: string): Promise<Page> {
      const page = await harness().context.newPage();
      watch(page, path);
      await page.goto(`http://${path}`);
      return page;
    },
    async extensionPage(path: string): Promise<Page> {
      const id = await extensionId(harness().context);
      const page = await harness().context.newPage();
      watch(page, path);
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    },
  };
}

/** The overlay's panel on a page, opened. */
async function panelOf(page: Page) {
  const badge = page.locator('wiretrace-overlay .badge');
  await badge.waitFor({ timeout: 15_000 });
  if ((await badge.getAttribute('aria-expanded')) !== 'true') await badge.click();
  const panel = page.locator('wiretrace-overlay .panel');
  await panel.waitFor();
  return { badge, panel };
}

async function expectNoOverlay(page: Page) {
  await page.waitForTimeout(QUIET_WAIT_MS);
  expect(await page.locator('wiretrace-overlay').count()).toBe(0);
}

/** The options page's count line, once loaded: "N learned from your reading, M added by you, …". */
async function learnedCount(options: Page): Promise<string> {
  const line = options.locator('.learned-count');
  await line.filter({ hasNotText: 'Loading' }).waitFor();
  return (await line.textContent()) ?? '';
}

/** The extension's service worker targets, and stopping them as the browser does to an idle worker. */
async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const id = await extensionId(context);
  const cdp = await context.newCDPSession(page);
  const workers = async () =>
    (
      (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string; targetId: string }> }
    ).targetInfos
      .filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`))
      .map((t) => t.targetId);
  for (const targetId of await workers()) await cdp.send('Target.closeTarget', { targetId });
  await expect.poll(workers).toEqual([]);
  await cdp.detach();
}

/**
 * The popup for a tab, as if opened from the toolbar over it (see tests/e2e/overlay.test.ts): the
 * page's tab made active, the popup loaded in a tab of its own behind it.
 */
async function popupFor(browser: ReturnType<typeof browserOf>, page: Page): Promise<Page> {
  await page.bringToFront();
  const popup = await browser.extensionPage('popup.html');
  await popup.evaluate(async () => {
    type Tab = { id: number };
    type Tabs = {
      query(q: object): Promise<Tab[]>;
      getCurrent(): Promise<Tab>;
      update(id: number, p: object): Promise<unknown>;
    };
    const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
    const self = await tabs.getCurrent();
    const before = (await tabs.query({})).filter((t) => t.id < self.id).sort((x, y) => y.id - x.id);
    await tabs.update(before[0]!.id, { active: true });
  });
  await popup.reload();
  await popup.locator('.status').filter({ hasNotText: 'Loading' }).waitFor();
  return popup;
}

describe.skipIf(!haveChromium)('learning stories from reading, in Chromium', () => {
  let harness: Harness;
  const browser = browserOf(() => harness);
  let exported: { name: string; bytes: Buffer } | null = null;

  beforeAll(async () => {
    ensureBuilt();
    harness = await startHarness(undefined, PAGES);
  });
  afterAll(async () => harness?.close());

  it('opens the first-run page once on install: what it does, the agency sites, nothing leaves, one switch; accessible', async () => {
    const id = await extensionId(harness.context);
    const welcomeUrl = `chrome-extension://${id}/welcome.html`;
    await expect.poll(() => harness.context.pages().filter((p) => p.url() === welcomeUrl).length).toBe(1);
    const welcome = harness.context.pages().find((p) => p.url() === welcomeUrl)!;
    await welcome.locator('h1').waitFor();
    await expect(welcome.locator('h1').textContent()).resolves.toBe('Welcome to Wiretrace');
    const sites = await welcome.locator('.agency-sites li').allTextContents();
    expect(sites).toContain('Associated Press: apnews.com');
    expect(sites).toContain('Reuters: reuters.com');
    await expect(welcome.locator('main').textContent()).resolves.toContain('Nothing leaves your browser');
    const toggle = welcome.getByLabel('Learn stories from the wire agencies’ own sites as I read');
    await expect(toggle.isChecked()).resolves.toBe(true);
    expect(await seriousViolations(welcome)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await welcome.emulateMedia({ colorScheme });
      expect(await seriousViolations(welcome)).toEqual([]);
      await welcome.screenshot({ path: join(SCREENSHOTS, `welcome-${colorScheme}.png`), fullPage: true });
    }
    await welcome.close();
  });

  it('learns an AP article read on apnews.com, and says on that page that it is the original', async () => {
    const page = await browser.open(AP_FERRY);
    const { badge, panel } = await panelOf(page);
    await expect(badge.textContent()).resolves.toBe('Associated Press · original');
    await expect(panel.locator('.kicker').textContent()).resolves.toBe('This page is the original wire story');
    await expect(panel.locator('.story-source').textContent()).resolves.toBe(fromReading());
    await expect(panel.locator('.met-none').textContent()).resolves.toContain('None yet');
    await page.close();
  });

  it.each([
    ['whole', COPY_WHOLE, 'verbatim'],
    ['cut to its first paragraphs', COPY_CUT, 'edited'],
    ['reworded', COPY_REWORDED, 'rewritten'],
  ])(
    'recognises the AP story on a listed news site, %s: relation and "from your reading"',
    async (_, path, relation) => {
      const page = await browser.open(path);
      const { badge, panel } = await panelOf(page);
      await expect(badge.textContent()).resolves.toBe(`Associated Press · ${relation}`);
      await expect(panel.locator('.headline').textContent()).resolves.toBe(FERRY.headline);
      await expect(panel.locator('.story-source').textContent()).resolves.toBe(fromReading());
      await expect(panel.locator('.origin').textContent()).resolves.toContain('Associated Press, PORT ELLIS, Maine');
      await page.close();
    },
  );

  it('lists on the AP page the copies met elsewhere', async () => {
    const page = await browser.open(AP_FERRY);
    const { panel } = await panelOf(page);
    const met = await panel.locator('.siblings li').allTextContents();
    expect(met).toHaveLength(3);
    for (const text of met) expect(text).toMatch(/^Investing\.com (verbatim|edited|rewritten)$/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay-original.png') });
    await page.close();
  });

  it('still knows the story after its service worker was stopped', async () => {
    const first = await browser.open(COPY_CUT);
    await panelOf(first);
    await stopServiceWorker(harness.context, first);
    await first.close();
    const page = await browser.open(COPY_REWORDED);
    const { badge } = await panelOf(page);
    await expect(badge.textContent()).resolves.toBe('Associated Press · rewritten');
    await page.close();
  });

  it('learns nothing from an agency home page', async () => {
    const options = await browser.extensionPage('options.html');
    const before = await learnedCount(options);
    expect(before).toMatch(/^1 learned from your reading/);
    const home = await browser.open(AP_HOME);
    await expectNoOverlay(home);
    await home.close();
    await options.reload();
    expect(await learnedCount(options)).toBe(before);
    await options.close();
  });

  it('makes the same AP address opened again with an updated text one story with two write-throughs', async () => {
    const original = PAGES[AP_FERRY]!;
    PAGES[AP_FERRY] = apPage(FERRY_UPDATE);
    const page = await browser.open(AP_FERRY);
    const { panel } = await panelOf(page);
    await expect(panel.locator('.headline').textContent()).resolves.toBe(FERRY_UPDATE.headline);
    await page.close();
    PAGES[AP_FERRY] = original;
    const options = await browser.extensionPage('options.html');
    expect(await learnedCount(options)).toMatch(/^1 learned from your reading/);
    const story = options.locator('.learned-story');
    await expect(story.count()).resolves.toBe(1);
    await expect(story.textContent()).resolves.toContain('2 updates');
    await expect(story.textContent()).resolves.toContain('met on 3 other sites');
    // Its compare page: both updates, the copies met, where it came from.
    const [compare] = await Promise.all([harness.context.waitForEvent('page'), story.locator('a').click()]);
    await compare.locator('h1').waitFor({ timeout: 10_000 });
    await expect(compare.locator('.story-source').textContent()).resolves.toMatch(/^From your reading, apnews\.com/);
    const outlets = await compare.locator('.versions tbody th').allTextContents();
    expect(outlets.filter((o) => o === 'Investing.com')).toHaveLength(3);
    expect(await seriousViolations(compare)).toEqual([]);
    await compare.close();
    await options.screenshot({ path: join(SCREENSHOTS, 'options-learned.png'), fullPage: true });
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });

  it('learns nothing, and shows nothing on the copy, with learning switched off', async () => {
    const options = await browser.extensionPage('options.html');
    const toggle = options.getByLabel('Learn stories from the wire agencies’ own sites as I read');
    await toggle.uncheck();
    await options.getByText('Saved.').waitFor();
    const before = await learnedCount(options);
    const ap = await browser.open(AP_BUS);
    await expectNoOverlay(ap);
    await ap.close();
    const copy = await browser.open(COPY_BUS);
    await expectNoOverlay(copy);
    await copy.close();
    await options.reload();
    expect(await learnedCount(options)).toBe(before);
    await options.getByLabel('Learn stories from the wire agencies’ own sites as I read').check();
    await options.close();
  });

  it('adds a page of an unlisted site to the reader’s stories from the popup, naming its source, then matches a copy', async () => {
    const release = await browser.open(PRESS_RELEASE);
    await expectNoOverlay(release);
    const popup = await popupFor(browser, release);
    await popup.getByRole('button', { name: 'Add this page to my stories' }).click();
    // Whose text it is does not show on the page: the reader is asked, the site suggested.
    const source = popup.getByLabel('Whose text is this? (the agency or organisation)');
    await source.waitFor({ timeout: 10_000 });
    await expect(source.inputValue()).resolves.toBe('Port Ellis Transit Authority');
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    const added = popup.locator('.add-page [role=status]');
    await added.waitFor({ timeout: 10_000 });
    await expect(added.textContent()).resolves.toMatch(
      /^Added to your stories: “Transit authority approves ferry crew contract and January fare change” \(added by you, example-press\.org, /,
    );
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    await release.close();
    const copy = await browser.open(PRESS_COPY);
    const { badge, panel } = await panelOf(copy);
    await expect(badge.textContent()).resolves.toBe('Port Ellis Transit Authority · verbatim');
    await expect(panel.locator('.story-source').textContent()).resolves.toMatch(/^Added by you, example-press\.org, /);
    await copy.close();
  });

  it('exports the reader’s stories as an index file', async () => {
    const options = await browser.extensionPage('options.html');
    await learnedCount(options);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export my stories to a file' }).click(),
    ]);
    exported = { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    expect(exported.name).toMatch(/^wiretrace-my-stories-\d{4}-\d{2}-\d{2}\.json$/);
    const index = JSON.parse(exported.bytes.toString('utf8')) as { stories: Array<{ agency: string }> };
    expect(index.stories.map((s) => s.agency).sort()).toEqual(['Associated Press', 'Port Ellis Transit Authority']);
    await options.close();
  });

  it('forgets every learned story on request (the one added by hand stays)', async () => {
    const options = await browser.extensionPage('options.html');
    await learnedCount(options);
    await options.getByRole('button', { name: 'Forget all learned stories' }).click();
    await options.getByRole('button', { name: /^Yes, forget 1 learned stories$/ }).click();
    await options.getByText('Forgot 1 learned story.').waitFor();
    await options.locator('.learned-count', { hasText: /^0 learned from your reading, 1 added by you/ }).waitFor();
    await options.close();
    // The AP story is gone, so the copy is no longer called a copy of it. The authority's statement (added by hand)
    // reports the same contract vote the same day: the page is shown as a report of that event, not as a copy.
    const copy = await browser.open(COPY_WHOLE);
    const { badge } = await panelOf(copy);
    await expect(badge.textContent()).resolves.toBe('Port Ellis Transit Authority · same event');
    await copy.close();
    const press = await browser.open(PRESS_COPY);
    await panelOf(press);
    await press.close();
  });

  it('logged nothing in any page’s console and made no request but the fixture pages', () => {
    expect(browser.errors).toEqual([]);
    const served = new Set(Object.keys(PAGES));
    expect(
      harness.requests.filter((r) => !served.has(r) && !r.endsWith('/favicon.ico') && !BROWSER_HOSTS.test(r)),
    ).toEqual([]);
    const own = harness.browserRequests.filter(
      ({ url }) =>
        !url.startsWith('chrome-extension://') &&
        !url.startsWith('data:') &&
        !url.startsWith('blob:') &&
        !served.has(url.replace(/^https?:\/\//, '')) &&
        !BROWSER_HOSTS.test(url.replace(/^https?:\/\//, '')) &&
        !url.endsWith('/favicon.ico'),
    );
    expect(own.map((r) => r.url)).toEqual([]);
  });

  describe('in a fresh profile', () => {
    let fresh: Harness;
    const freshBrowser = browserOf(() => fresh);
    beforeAll(async () => {
      fresh = await startHarness(undefined, PAGES);
    });
    afterAll(async () => fresh?.close());

    it('imports the exported file and recognises the copy with it, saying it came from that file', async () => {
      expect(exported).not.toBeNull();
      const options = await freshBrowser.extensionPage('options.html');
      await options.locator('.index-info', { hasText: 'Matching against' }).waitFor({ timeout: 10_000 });
      await options
        .getByLabel(/Import a file of stories/)
        .setInputFiles({ name: exported!.name, mimeType: 'application/json', buffer: exported!.bytes });
      await options
        .getByRole('status')
        .filter({ hasText: `Imported ${exported!.name}: 2 stories.` })
        .waitFor();
      await options.locator('.sources li', { hasText: `imported: ${exported!.name}: 2 stories` }).waitFor();
      await options.close();
      const copy = await freshBrowser.open(COPY_REWORDED);
      const { badge, panel } = await panelOf(copy);
      await expect(badge.textContent()).resolves.toBe('Associated Press · rewritten');
      await expect(panel.locator('.story-source').textContent()).resolves.toBe(`Imported: ${exported!.name}`);
      await copy.close();
      expect(freshBrowser.errors).toEqual([]);
    });
  });

  describe('pages in another language, with a word list', () => {
    let other: Harness;
    const otherBrowser = browserOf(() => other);
    beforeAll(async () => {
      other = await startHarness(undefined, PAGES);
    });
    afterAll(async () => other?.close());

    it('recognises a Spanish translation of a learned AP story once the reader adds a Spanish word list, and not after removing it', async () => {
      const ap = await otherBrowser.open(AP_FERRY);
      await expect((await panelOf(ap)).badge.textContent()).resolves.toBe('Associated Press · original');
      await ap.close();
      // Names and numbers alone prove no copy: without a list the translation shows nothing.
      let spanish = await otherBrowser.open(SPANISH_COPY);
      await expectNoOverlay(spanish);
      await spanish.close();

      const options = await otherBrowser.extensionPage('options.html');
      await options.getByText('No word lists yet').waitFor();
      const add = options.getByLabel(/Add a word list/);
      await add.setInputFiles({
        name: 'es-en.tsv',
        mimeType: 'text/tab-separated-values',
        buffer: Buffer.from(ES_EN_LIST),
      });
      await options
        .getByRole('status')
        .filter({ hasText: 'es-en.tsv is in use for pages in Spanish: 97 word pairs.' })
        .waitFor();
      await options.locator('.word-lists-in-use li', { hasText: 'Spanish: es-en.tsv, 97 word pairs' }).waitFor();
      // Not a word list: refused, saying why, and the Spanish list stays.
      await options.getByLabel('Language of the list').selectOption('fr');
      await add.setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('dear class,\nread the story by monday\nthanks\n'),
      });
      await options
        .getByRole('alert')
        .filter({ hasText: /^notes\.txt was not added: / })
        .waitFor();
      await expect(options.locator('.word-lists-in-use li').count()).resolves.toBe(1);
      expect(await seriousViolations(options)).toEqual([]);

      spanish = await otherBrowser.open(SPANISH_COPY);
      const { badge, panel } = await panelOf(spanish);
      await expect(badge.textContent()).resolves.toBe('Associated Press · rewritten');
      await expect(panel.textContent()).resolves.toContain('a translation into Spanish');
      await spanish.close();

      await options.getByRole('button', { name: 'Remove the Spanish word list' }).click();
      await options.getByText('No word lists yet').waitFor();
      await options.close();
      spanish = await otherBrowser.open(SPANISH_COPY);
      await expectNoOverlay(spanish);
      await spanish.close();
      expect(otherBrowser.errors).toEqual([]);
    });
  });
});
