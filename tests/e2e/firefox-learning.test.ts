/**
 * Learning in Firefox (ESR, WebDriver BiDi through puppeteer-core; firefox-harness.ts): the
 * scenarios of learning.test.ts under the same names, on the same fixture pages
 * (tests/fixtures/learning/pages.ts) and with the same expectations, wherever Firefox allows them.
 * A Chromium scenario that does not run here is listed below with the reason and shows in the
 * report as a skipped test saying so; the last test fails when a learning scenario is neither run
 * here nor listed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceLine } from '../../lib/labels';
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
import { FERRY, FERRY_UPDATE } from '../fixtures/learning/stories';
import {
  BRIDGE_PAGE,
  button,
  byLabel,
  EXTENSION_ORIGIN,
  ensureFirefoxBuilt,
  FIREFOX,
  FIREFOX_HOSTS,
  popupOver,
  seriousViolations,
  setChecked,
  shadow,
  startFirefox,
  textOf,
  waitForText,
  type FirefoxHarness,
} from './firefox-harness';
import { testNames } from './scenario-names';

const QUIET_WAIT_MS = 2_500;
const DOWNLOAD_WAIT_MS = 10_000;
const SCREENSHOTS = resolve('test-results/screenshots/firefox');
const VIEWPORT = { width: 1280, height: 900 };
const LEARNING_LABEL = 'Learn stories from the wire agencies’ own sites as I read';
const EXPORT_NAME = /^wiretrace-my-stories-\d{4}-\d{2}-\d{2}\.json$/;

/** Chromium learning scenarios that do not run in Firefox, and why. The key is the Chromium test's name. */
const NOT_IN_FIREFOX: Record<string, string> = {
  'still knows the story after its service worker was stopped':
    'the Firefox build (MV2) has a background page, which Firefox does not stop when idle',
};

/** Every page these tests serve, by host + path (mutable: the AP page is updated in place). */
const PAGES = learningPages();

const today = () => new Date().toISOString().slice(0, 10);
const fromReading = () => sourceLine({ kind: 'learned', site: 'apnews.com', date: today() });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const haveFirefox = existsSync(FIREFOX);
if (!haveFirefox)
  console.warn(`Firefox browser tests skipped: no Firefox at ${FIREFOX} (apt-get install -y firefox-esr).`);

const open = (harness: FirefoxHarness, path: string) => harness.open(`http://${path}`);
const overlayText = (page: Page, selector: string) => textOf(page, selector, true);

/** The overlay's panel on a page, opened. */
async function panelOf(page: Page): Promise<Page> {
  const badge = await shadow(page, '.badge');
  if ((await badge.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') await badge.click();
  await shadow(page, '.panel');
  return page;
}

async function expectNoOverlay(page: Page) {
  await sleep(QUIET_WAIT_MS);
  expect(await page.evaluate(() => document.querySelectorAll('wiretrace-overlay').length)).toBe(0);
}

/** The options page's count line, once loaded: "N learned from your reading, M added by you, …". */
const learnedCount = (options: Page) => waitForText(options, '.learned-count', /^(?!Loading)/);

/** Whether learning is on as stored (the options page's "Saved." stays from an earlier change). */
const storedLearning = (options: Page) =>
  options.evaluate(async () => {
    type Sync = { get(key: string): Promise<{ settings?: { learning?: boolean } }> };
    const sync = (globalThis as unknown as { browser: { storage: { sync: Sync } } }).browser.storage.sync;
    return (await sync.get('settings')).settings?.learning;
  });

/**
 * The loaded tabs showing an extension page, as the extension sees them (from one of its pages);
 * closed when `close` (a tab BiDi has not reported must not be taken later for one the tests open).
 */
const tabsShowing = (extensionPage: Page, url: string, close = false) =>
  extensionPage.evaluate(
    async (u, c) => {
      type Tab = { id: number; url?: string; status?: string };
      type Tabs = { query(q: object): Promise<Tab[]>; remove(ids: number[]): Promise<void> };
      const tabs = (globalThis as unknown as { browser: { tabs: Tabs } }).browser.tabs;
      const showing = (await tabs.query({})).filter((t) => t.url === u && t.status === 'complete');
      if (c) await tabs.remove(showing.map((t) => t.id));
      return showing.map((t) => t.url);
    },
    url,
    close,
  );

/** The serious accessibility violations of the first-run page of a browser, with its screenshot. */
async function welcomeChecked(harness: FirefoxHarness, scheme: 'light' | 'dark'): Promise<Page> {
  const url = `${EXTENSION_ORIGIN}/welcome.html`;
  await expect.poll(async () => (await harness.tabsShowing(url)).length, { timeout: 10_000 }).toBe(1);
  const [welcome] = await harness.tabsShowing(url);
  await welcome!.waitForSelector('h1');
  expect(await seriousViolations(welcome!)).toEqual([]);
  await welcome!.screenshot({ path: join(SCREENSHOTS, `welcome-${scheme}.png`), fullPage: true });
  return welcome!;
}

/** The file a download saved once it is complete (Firefox writes a .part file until then). */
async function downloaded(dir: string): Promise<{ name: string; bytes: Buffer }> {
  let name: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(dir);
        name = files.find((f) => !f.endsWith('.part'));
        return name !== undefined && !files.some((f) => f.endsWith('.part')) && readFileSync(join(dir, name)).length;
      },
      { timeout: DOWNLOAD_WAIT_MS },
    )
    .toBeTruthy();
  return { name: name!, bytes: readFileSync(join(dir, name!)) };
}

describe.skipIf(!haveFirefox)('learning stories from reading, in Firefox', () => {
  let harness: FirefoxHarness;
  let exported: { name: string; bytes: Buffer } | null = null;
  /** Index and word-list files given to file inputs, as files on disk. */
  let files: string;
  const file = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(files, name), content);
    return join(files, name);
  };

  beforeAll(async () => {
    ensureFirefoxBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'wiretrace-ff-learning-'));
    harness = await startFirefox({ extraPages: PAGES });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(files, { recursive: true, force: true });
  });

  for (const [name, reason] of Object.entries(NOT_IN_FIREFOX)) it.skip(`${name} [not in Firefox: ${reason}]`);

  it('opens the first-run page once on install: what it does, the agency sites, nothing leaves, one switch; accessible', async () => {
    const welcome = await welcomeChecked(harness, 'light');
    await expect(textOf(welcome, 'h1')).resolves.toBe('Welcome to Wiretrace');
    const sites = await welcome.$$eval('.agency-sites li', (els) => els.map((el) => el.textContent));
    expect(sites).toContain('Associated Press: apnews.com');
    expect(sites).toContain('Reuters: reuters.com');
    await expect(textOf(welcome, 'main')).resolves.toContain('Nothing leaves your browser');
    expect(await (await byLabel(welcome, LEARNING_LABEL)).evaluate((el) => el.checked)).toBe(true);
    await welcome.close();
    // No media emulation over BiDi: a browser preferring dark, installed afresh, shows its own first-run page.
    const dark = await startFirefox({ extraPages: PAGES, colorScheme: 'dark' });
    try {
      await welcomeChecked(dark, 'dark');
      expect([...dark.problems, ...dark.browserLog]).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('learns an AP article read on apnews.com, and says on that page that it is the original', async () => {
    const page = await panelOf(await open(harness, AP_FERRY));
    await expect(overlayText(page, '.badge')).resolves.toBe('Associated Press · original');
    await expect(overlayText(page, '.panel .kicker')).resolves.toBe('This page is the original wire story');
    await expect(overlayText(page, '.panel .story-source')).resolves.toBe(fromReading());
    await expect(overlayText(page, '.panel .met-none')).resolves.toContain('None yet');
    await page.close();
  });

  it.each([
    ['whole', COPY_WHOLE, 'verbatim'],
    ['cut to its first paragraphs', COPY_CUT, 'edited'],
    ['reworded', COPY_REWORDED, 'rewritten'],
  ])(
    'recognises the AP story on a listed news site, %s: relation and "from your reading"',
    async (_, path, relation) => {
      const page = await panelOf(await open(harness, path));
      await expect(overlayText(page, '.badge')).resolves.toBe(`Associated Press · ${relation}`);
      await expect(overlayText(page, '.panel .headline')).resolves.toBe(FERRY.headline);
      await expect(overlayText(page, '.panel .story-source')).resolves.toBe(fromReading());
      await expect(overlayText(page, '.panel .origin')).resolves.toContain('Associated Press, PORT ELLIS, Maine');
      await page.close();
    },
  );

  it('lists on the AP page the copies met elsewhere', async () => {
    const page = await panelOf(await open(harness, AP_FERRY));
    const met = await page.evaluate(() =>
      Array.from(
        document.querySelector('wiretrace-overlay')!.shadowRoot!.querySelectorAll('.panel .siblings li'),
        (li) => li.textContent ?? '',
      ),
    );
    expect(met).toHaveLength(3);
    for (const text of met) expect(text).toMatch(/^Investing\.com (verbatim|edited|rewritten)$/);
    await page.setViewport(VIEWPORT);
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay-original.png') });
    await page.close();
  });

  it('learns nothing from an agency home page', async () => {
    let options = await harness.openExtensionPage('options.html');
    const before = await learnedCount(options);
    expect(before).toMatch(/^1 learned from your reading/);
    await options.close();
    const home = await open(harness, AP_HOME);
    await expectNoOverlay(home);
    await home.close();
    options = await harness.openExtensionPage('options.html');
    expect(await learnedCount(options)).toBe(before);
    await options.close();
  });

  it('makes the same AP address opened again with an updated text one story with two write-throughs', async () => {
    const original = PAGES[AP_FERRY]!;
    PAGES[AP_FERRY] = apPage(FERRY_UPDATE);
    const page = await panelOf(await open(harness, AP_FERRY));
    await expect(overlayText(page, '.panel .headline')).resolves.toBe(FERRY_UPDATE.headline);
    await page.close();
    PAGES[AP_FERRY] = original;
    const options = await harness.openExtensionPage('options.html');
    expect(await learnedCount(options)).toMatch(/^1 learned from your reading/);
    await waitForText(options, '.learned-story', '2 updates');
    expect(await options.$$eval('.learned-story', (els) => els.length)).toBe(1);
    await expect(textOf(options, '.learned-story')).resolves.toContain('met on 3 other sites');
    // Its compare page: both updates, the copies met, where it came from. The link opens it in a tab
    // of its own at once (the extension's tabs say so); BiDi reports a tab a page opens this way
    // only a minute later, so the tests read that page at the same address in a tab of theirs.
    const link = (await options.$('.learned-story a'))!;
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(href).toMatch(new RegExp(`^${EXTENSION_ORIGIN}/compare\\.html\\?story=`));
    await link.focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => tabsShowing(options, href), { timeout: 10_000 }).toEqual([href]);
    await tabsShowing(options, href, true);
    const compare = await harness.openExtensionPage(href.slice(EXTENSION_ORIGIN.length + 1));
    await compare.waitForSelector('h1', { timeout: 10_000 });
    await expect(textOf(compare, '.story-source')).resolves.toMatch(/^From your reading, apnews\.com/);
    const outlets = await compare.$$eval('.versions tbody th', (els) => els.map((el) => el.textContent));
    expect(outlets.filter((o) => o === 'Investing.com')).toHaveLength(3);
    expect(await seriousViolations(compare)).toEqual([]);
    await compare.close();
    await options.screenshot({ path: join(SCREENSHOTS, 'options-learned.png'), fullPage: true });
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });

  it('learns nothing, and shows nothing on the copy, with learning switched off', async () => {
    let options = await harness.openExtensionPage('options.html');
    await setChecked(options, LEARNING_LABEL, false);
    await expect.poll(() => storedLearning(options)).toBe(false);
    const before = await learnedCount(options);
    const ap = await open(harness, AP_BUS);
    await expectNoOverlay(ap);
    await ap.close();
    const copy = await open(harness, COPY_BUS);
    await expectNoOverlay(copy);
    await copy.close();
    await options.close();
    options = await harness.openExtensionPage('options.html');
    expect(await learnedCount(options)).toBe(before);
    await setChecked(options, LEARNING_LABEL);
    await expect.poll(() => storedLearning(options)).toBe(true);
    await options.close();
  });

  it('adds a page of an unlisted site to the reader’s stories from the popup, naming its source, then matches a copy', async () => {
    const release = await open(harness, PRESS_RELEASE);
    await expectNoOverlay(release);
    const popup = await popupOver(harness, release);
    await (await button(popup, 'Add this page to my stories')).click();
    // Whose text it is does not show on the page: the reader is asked, the site suggested.
    const source = await byLabel(popup, 'Whose text is this? (the agency or organisation)');
    await expect(source.evaluate((el) => el.value)).resolves.toBe('Port Ellis Transit Authority');
    await (await button(popup, 'Add')).click();
    await expect(
      waitForText(popup, '.add-page [role=status]', /^Added to your stories/, { timeout: 10_000 }),
    ).resolves.toMatch(
      /^Added to your stories: “Transit authority approves ferry crew contract and January fare change” \(added by you, example-press\.org, /,
    );
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    await release.close();
    const copy = await panelOf(await open(harness, PRESS_COPY));
    await expect(overlayText(copy, '.badge')).resolves.toBe('Port Ellis Transit Authority · verbatim');
    await expect(overlayText(copy, '.panel .story-source')).resolves.toMatch(/^Added by you, example-press\.org, /);
    await copy.close();
  });

  it('exports the reader’s stories as an index file', async () => {
    const options = await harness.openExtensionPage('options.html');
    await learnedCount(options);
    await (await button(options, 'Export my stories to a file')).click();
    exported = await downloaded(harness.downloadDir);
    expect(exported.name).toMatch(EXPORT_NAME);
    const index = JSON.parse(exported.bytes.toString('utf8')) as { stories: Array<{ agency: string }> };
    expect(index.stories.map((s) => s.agency).sort()).toEqual(['Associated Press', 'Port Ellis Transit Authority']);
    await options.close();
  });

  it('forgets every learned story on request (the one added by hand stays)', async () => {
    const options = await harness.openExtensionPage('options.html');
    await learnedCount(options);
    await (await button(options, 'Forget all learned stories')).click();
    await (await button(options, 'Yes, forget 1 learned stories')).click();
    await waitForText(options, '[role=status]', 'Forgot 1 learned story.');
    await waitForText(options, '.learned-count', /^0 learned from your reading, 1 added by you/);
    await options.close();
    // The AP story is gone, so the copy is no longer called a copy of it. The authority's statement (added by hand)
    // reports the same contract vote the same day: the page is shown as a report of that event, not as a copy.
    const copy = await panelOf(await open(harness, COPY_WHOLE));
    await expect(overlayText(copy, '.badge')).resolves.toBe('Port Ellis Transit Authority · same event');
    await copy.close();
    const press = await panelOf(await open(harness, PRESS_COPY));
    await press.close();
  });

  it('logged nothing in any page’s console and made no request but the fixture pages', () => {
    expect(harness.problems).toEqual([]);
    // What Firefox itself printed, the background page's console and errors included.
    expect(harness.browserLog).toEqual([]);
    // The fixture pages, and the article whose overlay opens the first extension page (firefox-harness.ts).
    const served = new Set([...Object.keys(PAGES), BRIDGE_PAGE]);
    // What reached the proxy, which every request to any host goes through.
    expect(
      harness.requests.filter((r) => !served.has(r) && !r.endsWith('/favicon.ico') && !FIREFOX_HOSTS.test(r)),
    ).toEqual([]);
    const own = harness.pageRequests.filter(
      (url) =>
        !url.startsWith(`${EXTENSION_ORIGIN}/`) &&
        !url.startsWith('data:') &&
        !url.startsWith('blob:') &&
        !url.startsWith('about:') &&
        !served.has(url.replace(/^https?:\/\//, '')) &&
        !url.endsWith('/favicon.ico'),
    );
    expect(own).toEqual([]);
  });

  describe('in a fresh profile', () => {
    let fresh: FirefoxHarness;
    beforeAll(async () => {
      fresh = await startFirefox({ extraPages: PAGES });
    });
    afterAll(async () => fresh?.close());

    it('imports the exported file and recognises the copy with it, saying it came from that file', async () => {
      expect(exported).not.toBeNull();
      const options = await fresh.openExtensionPage('options.html');
      await waitForText(options, '.index-info', 'Matching against', { timeout: 10_000 });
      await (await byLabel(options, 'Import a file of stories')).uploadFile(file(exported!.name, exported!.bytes));
      await waitForText(options, '[role=status]', `Imported ${exported!.name}: 2 stories.`);
      await waitForText(options, '.sources li', `imported: ${exported!.name}: 2 stories`);
      await options.close();
      const copy = await panelOf(await open(fresh, COPY_REWORDED));
      await expect(overlayText(copy, '.badge')).resolves.toBe('Associated Press · rewritten');
      await expect(overlayText(copy, '.panel .story-source')).resolves.toBe(`Imported: ${exported!.name}`);
      await copy.close();
      expect([...fresh.problems, ...fresh.browserLog]).toEqual([]);
    });
  });

  describe('pages in another language, with a word list', () => {
    let other: FirefoxHarness;
    beforeAll(async () => {
      other = await startFirefox({ extraPages: PAGES });
    });
    afterAll(async () => other?.close());

    it('recognises a Spanish translation of a learned AP story once the reader adds a Spanish word list, and not after removing it', async () => {
      const ap = await panelOf(await open(other, AP_FERRY));
      await expect(overlayText(ap, '.badge')).resolves.toBe('Associated Press · original');
      await ap.close();
      // Names and numbers alone prove no copy: without a list the translation shows nothing.
      let spanish = await open(other, SPANISH_COPY);
      await expectNoOverlay(spanish);
      await spanish.close();

      const options = await other.openExtensionPage('options.html');
      await waitForText(options, 'body', 'No word lists yet');
      const add = await byLabel(options, 'Add a word list');
      await add.uploadFile(file('es-en.tsv', ES_EN_LIST));
      await waitForText(options, '[role=status]', 'es-en.tsv is in use for pages in Spanish: 97 word pairs.');
      await waitForText(options, '.word-lists-in-use li', 'Spanish: es-en.tsv, 97 word pairs');
      // Not a word list: refused, saying why, and the Spanish list stays.
      const language = (await byLabel(options, 'Language of the list')) as unknown as ElementHandle<HTMLSelectElement>;
      await language.select('fr');
      await add.uploadFile(file('notes.txt', 'dear class,\nread the story by monday\nthanks\n'));
      await waitForText(options, '[role=alert]', /^notes\.txt was not added: /);
      expect(await options.$$eval('.word-lists-in-use li', (els) => els.length)).toBe(1);
      expect(await seriousViolations(options)).toEqual([]);

      spanish = await panelOf(await open(other, SPANISH_COPY));
      await expect(overlayText(spanish, '.badge')).resolves.toBe('Associated Press · rewritten');
      await expect(overlayText(spanish, '.panel')).resolves.toContain('a translation into Spanish');
      await spanish.close();

      await (await button(options, 'Remove the Spanish word list')).click();
      await waitForText(options, 'body', 'No word lists yet');
      await options.close();
      spanish = await open(other, SPANISH_COPY);
      await expectNoOverlay(spanish);
      await spanish.close();
      expect([...other.problems, ...other.browserLog]).toEqual([]);
    });
  });
});

describe('Firefox learning scenarios', () => {
  it('runs every Chromium learning scenario in Firefox too, or says here why not', () => {
    const own = new Set(testNames('tests/e2e/firefox-learning.test.ts'));
    const missing = testNames('tests/e2e/learning.test.ts').filter(
      (name) => !own.has(name) && !(name in NOT_IN_FIREFOX),
    );
    // A scenario added to learning.test.ts: port it here, or add it to NOT_IN_FIREFOX with the reason.
    expect(missing).toEqual([]);
  });
});
