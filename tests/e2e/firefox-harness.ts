/**
 * Firefox for the browser tests: Debian's Firefox ESR driven by puppeteer-core over WebDriver
 * BiDi, the Firefox build installed as a temporary add-on, the same fixture server as Chromium's
 * tests (harness.ts) set as the browser's HTTP proxy — Firefox has no host-resolver flag — so
 * fixture pages load under their real hostnames and every request the browser makes to any host
 * reaches that server and is recorded.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page, type Realm, type Target } from 'puppeteer-core';
import { startFixtureServer, type Exchange, type Serve } from './harness';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox browser-test build (overlay shadow root open): `npm run build:e2e:firefox`. */
export const FIREFOX_EXTENSION_DIR = resolve('.output/e2e/firefox-mv2');
export const FIREFOX_PRODUCTION_DIR = resolve('.output/firefox-mv2');

/**
 * The add-on's internal UUID, fixed through a pref so its pages' origin is known before it loads
 * (Firefox gives each install a random one).
 */
export const EXTENSION_UUID = '5d0c4b7e-7a1f-4c55-9a41-3f1e1b2c9d10';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** Firefox's own services, which it calls whatever add-on is installed. */
export const FIREFOX_HOSTS = /^[a-z0-9.-]*\.(mozilla\.(com|org|net)|firefox\.com|mozaws\.net)(:443)?(\/|$)/;
/**
 * What Firefox's own code prints, whatever add-on is installed: errors of its internal modules
 * (resource:, chrome:) and the remote-settings loader's complaint that its server is turned off.
 */
const FIREFOX_OWN_LOG = /^(JavaScript error: (resource|chrome):\/\/|console\.error: RSLoader:)/;
/**
 * The article whose overlay opens the first extension page (its "Compare all versions"), from
 * which the tests open the others: a fixture page every harness serves.
 */
export const BRIDGE_PAGE =
  'uk.investing.com/news/world-news/no-ultimatums-russia-sets-out-security-demands-at-nato-meeting-2560408';
/** How long an extension tab may take to show its page. */
const EXTENSION_PAGE_MS = 10_000;
const POLL_MS = 50;

/** Prefs for a quiet, reproducible browser; the proxy ones send every request to the fixture server. */
function prefs(
  port: number,
  addonId: string,
  colorScheme: 'light' | 'dark',
  downloads: string,
): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    // HTTPS goes through the same server, which records the tunnel asked for and refuses it.
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    // Without these two, loopback names would bypass the proxy.
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
    // Remote settings (blocklists and the like) off, as in Firefox's own test profiles; some of its
    // services still ask for their host, told apart by FIREFOX_HOSTS.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    // Console calls of every document, the add-on's background page included (BiDi sees only tabs),
    // printed by Firefox to its standard output; script errors go to its standard error anyway.
    'devtools.console.stdout.content': true,
    // Firefox has no media emulation over BiDi: the colour scheme is set for the whole browser.
    'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
    // Downloads (the options page's export) saved to a folder of the harness's own, without asking.
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
  };
}

/** Builds the Firefox add-on (test and production builds) when missing (npm test builds both first). */
export function ensureFirefoxBuilt(): void {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    execSync('npm run build:e2e:firefox', { stdio: 'inherit' });
  if (!existsSync(join(FIREFOX_PRODUCTION_DIR, 'manifest.json')))
    execSync('npx wxt build -b firefox', { stdio: 'inherit' });
}

export interface FirefoxHarness {
  browser: Browser;
  /** Every request that reached the fixture server (the browser's proxy), as host + path. */
  requests: string[];
  /** The same requests with their method and headers (the background page's too: they all go through the proxy). */
  exchanges: Exchange[];
  /** Console errors and warnings and uncaught errors of every page opened, the content script's included. */
  problems: string[];
  /** The same, of one page. */
  problemsOf(page: Page): string[];
  /**
   * What Firefox printed of console errors and warnings (any document's, the background page's
   * too) and of script errors, as printed.
   */
  browserLog: string[];
  /** Every request a page opened by the tests made, as URLs (not the background page's: BiDi does not see it). */
  pageRequests: string[];
  /** Where Firefox saves what a page downloads (the options page's export), without asking. */
  downloadDir: string;
  /** The tabs showing a URL now (an extension page the extension opened itself: the first-run page), watched as `open`'s. */
  tabsShowing(url: string): Promise<Page[]>;
  /** A web page (http: the fixture server serves plain HTTP under the real hostnames). */
  open(url: string): Promise<Page>;
  /**
   * One of the extension's own pages (popup.html, options.html, …) in a tab of its own; opened
   * `behind` the tab in front, that tab stays the active one while the page loads.
   */
  openExtensionPage(path: string, options?: { behind?: boolean }): Promise<Page>;
  /** The extension page a tab the extension opens on an action (a click in the overlay) shows. */
  openedByExtension(action: () => Promise<unknown>): Promise<Page>;
  /** Removes the add-on, as an update or a disable does to pages open at the time. */
  uninstall(): Promise<void>;
  install(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  extension?: string;
  /** More pages to serve, host + path → HTML. */
  extraPages?: Record<string, string>;
  colorScheme?: 'light' | 'dark';
  /** A test's own answers (before the pages'): a published index's files. */
  serve?: Serve;
}

/** Resolves once a tab's document is the given URL and has loaded (BiDi reports no navigation of extension tabs). */
async function loaded(page: Page, url: string): Promise<void> {
  const end = Date.now() + EXTENSION_PAGE_MS;
  for (;;) {
    const state = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
    if (state === `${url} complete`) return;
    if (Date.now() > end) throw new Error(`extension page did not load: ${url} (last seen: ${state || 'nothing'})`);
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/** The page of the next tab the browser opens. */
function nextTab(browser: Browser): Promise<Page> {
  return new Promise<Target>((done) => browser.once('targetcreated', done)).then(async (t) => (await t.page())!);
}

export async function startFirefox(options: FirefoxOptions = {}): Promise<FirefoxHarness> {
  const extension = options.extension ?? FIREFOX_EXTENSION_DIR;
  const manifest = JSON.parse(readFileSync(join(extension, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const server = await startFixtureServer(options.extraPages, options.serve);
  const downloadDir = mkdtempSync(join(tmpdir(), 'wiretrace-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: prefs(server.port, addonId, options.colorScheme ?? 'light', downloadDir),
  });
  const browserLog: string[] = [];
  const keep = (pattern: RegExp) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (pattern.test(line) && !FIREFOX_OWN_LOG.test(line)) browserLog.push(line);
  };
  browser.process()?.stdout?.on('data', keep(/^console\.(error|warn):/));
  browser.process()?.stderr?.on('data', keep(/^JavaScript error:/));
  await browser.installExtension(extension);
  const problems: string[] = [];
  const byPage = new WeakMap<Page, string[]>();
  const pageRequests: string[] = [];
  /** An extension page the extension opened itself, from which the tests open the others. */
  let bridge: Page | null = null;

  function watch(page: Page, label: string): Page {
    if (byPage.has(page)) return page;
    const own: string[] = [];
    byPage.set(page, own);
    const report = (problem: string) => {
      own.push(problem);
      problems.push(`${label}: ${problem}`);
    };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') report(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => report(String(e)));
    page.on('request', (r) => void pageRequests.push(r.url()));
    return page;
  }

  async function open(url: string): Promise<Page> {
    const page = watch(await browser.newPage(), url);
    await page.goto(url.replace('https://', 'http://'));
    return page;
  }

  /**
   * BiDi will not navigate a tab to a moz-extension: page, but it drives tabs the extension opens:
   * the overlay's "Compare all versions" opens the compare page (the background's tabs.create),
   * and that page, with the extension's own rights, opens any other.
   */
  async function openedByExtension(action: () => Promise<unknown>): Promise<Page> {
    const tab = nextTab(browser);
    await action();
    const page = watch(await tab, 'opened by the extension');
    await page.waitForFunction(
      (origin) => location.origin === origin && document.readyState === 'complete',
      { timeout: EXTENSION_PAGE_MS },
      EXTENSION_ORIGIN,
    );
    return page;
  }

  async function openBridge(): Promise<Page> {
    const article = await open(`http://${BRIDGE_PAGE}`);
    const badge = await shadow(article, '.badge');
    if ((await badge.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') await badge.click();
    const page = await openedByExtension(async () => (await shadow(article, '.compare-link')).click());
    await article.close();
    return page;
  }

  return {
    browser,
    requests: server.requests,
    exchanges: server.exchanges,
    problems,
    problemsOf: (page) => byPage.get(page) ?? [],
    browserLog,
    pageRequests,
    downloadDir,
    async tabsShowing(url) {
      const showing: Page[] = [];
      for (const page of await browser.pages())
        if ((await page.evaluate(() => location.href).catch(() => '')) === url) showing.push(watch(page, url));
      return showing;
    },
    open,
    openedByExtension,
    async openExtensionPage(path, { behind = false } = {}) {
      bridge ??= await openBridge();
      const url = `${EXTENSION_ORIGIN}/${path}`;
      const tab = nextTab(browser);
      const opened = await bridge.evaluate(
        async (u, b) => {
          type Tab = { id: number; active: boolean };
          type Tabs = {
            query(q: object): Promise<Tab[]>;
            update(id: number, p: object): Promise<unknown>;
            create(p: object): Promise<unknown>;
          };
          const tabs = (globalThis as unknown as { browser: { tabs: Tabs } }).browser.tabs;
          if (!b) return tabs.create({ url: u }).then(() => true);
          // The tab opened last, made active as the extension sees it (BiDi's activate is not
          // what tabs.query reports as the active tab in headless Firefox).
          const last = (await tabs.query({})).sort((x, y) => y.id - x.id)[0]!;
          await tabs.update(last.id, { active: true });
          await tabs.create({ url: u, active: false });
          const [active] = await tabs.query({ active: true, currentWindow: true });
          return active?.id === last.id;
        },
        url,
        behind,
      );
      if (!opened) throw new Error(`${path} did not open behind the last tab`);
      const page = watch(await tab, path);
      await loaded(page, url);
      return page;
    },
    async uninstall() {
      bridge = null;
      await browser.uninstallExtension(addonId);
    },
    async install() {
      await browser.installExtension(extension);
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

/** An element inside the overlay's (open) shadow root, waited for. */
export async function shadow(page: Page, selector: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  return (await page.waitForSelector(`wiretrace-overlay >>> ${selector}`, { timeout }))!;
}

/** How often waits poll: a timer, as a tab in the background (the page behind a popup) runs no animation frames. */
const WAIT_POLL_MS = 100;

/**
 * A world of the page's own that the page cannot tamper with (a BiDi sandbox, as Playwright's
 * utility world): a page that redefines Node.prototype.textContent or Promise must not fool
 * the tests' reading of it.
 */
function sandbox(page: Page): Realm {
  return (page.mainFrame() as unknown as { isolatedRealm(): Realm }).isolatedRealm();
}

/** The text of the first element matching a selector, or null; in the overlay when `inOverlay`. */
export function textOf(page: Page, selector: string, inOverlay = false): Promise<string | null> {
  return sandbox(page).evaluate(
    (s, o) => {
      const root = o ? document.querySelector('wiretrace-overlay')?.shadowRoot : document;
      return root?.querySelector(s)?.textContent ?? null;
    },
    selector,
    inOverlay,
  );
}

/** Waits until an element matching a selector holds the text (in the overlay when `inOverlay`). */
export async function waitForText(
  page: Page,
  selector: string,
  text: string | RegExp,
  { inOverlay = false, timeout = 15_000 } = {},
): Promise<string> {
  const [source, flags] = typeof text === 'string' ? [null, ''] : [text.source, text.flags];
  const found = await sandbox(page).waitForFunction(
    (s, o, plain, src, fl) => {
      const root = o ? document.querySelector('wiretrace-overlay')?.shadowRoot : document;
      for (const el of root?.querySelectorAll(s) ?? []) {
        const t = el.textContent ?? '';
        if (src !== null ? new RegExp(src, fl).test(t) : t.includes(plain)) return t;
      }
      return null;
    },
    { timeout, polling: WAIT_POLL_MS },
    selector,
    inOverlay,
    typeof text === 'string' ? text : '',
    source,
    flags,
  );
  return (await found.jsonValue()) as string;
}

/**
 * The overlay's shadow root as the browser itself sees it, open or closed: its mode and its HTML.
 * The page cannot reach a closed root, but WebDriver BiDi hands it over when asked for the whole
 * shadow tree (puppeteer-core has no call for that: the BiDi command is sent as it is).
 */
export async function overlayRoot(page: Page): Promise<{ mode: string; html: string } | null> {
  type Remote = { type: string; sharedId?: string; value?: { shadowRoot?: Remote | null; mode?: string } };
  type Reply = { result: { result: Remote } };
  const connection = (page.browser() as unknown as { connection: { send(m: string, p: object): Promise<Reply> } })
    .connection;
  const context = (page.mainFrame() as unknown as { browsingContext: { id: string } }).browsingContext.id;
  const host = await connection.send('script.evaluate', {
    expression: "document.querySelector('wiretrace-overlay')",
    target: { context },
    awaitPromise: false,
    resultOwnership: 'root',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
  });
  const root = host.result.result.value?.shadowRoot;
  if (!root?.sharedId) return null;
  const html = await connection.send('script.callFunction', {
    functionDeclaration: '(root) => root.innerHTML',
    arguments: [{ sharedId: root.sharedId }],
    target: { context },
    awaitPromise: false,
  });
  return { mode: root.value?.mode ?? 'unknown', html: String(html.result.result.value ?? '') };
}

/** The form control a label names (its text contains `text`), as Playwright's getByLabel finds it. */
export async function byLabel(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (t) => Array.from(document.querySelectorAll('label')).find((l) => l.textContent?.includes(t))?.control ?? null,
    { timeout: 10_000, polling: WAIT_POLL_MS },
    text,
  );
  return handle as ElementHandle<HTMLInputElement>;
}

/** The first element matching a selector whose visible text is `text` (a button, a link), waited for. */
export async function byText<E extends Element = HTMLElement>(
  page: Page,
  selector: string,
  text: string,
): Promise<ElementHandle<E>> {
  const handle = await page.waitForFunction(
    (s, t) => Array.from(document.querySelectorAll(s)).find((el) => el.textContent?.trim() === t) ?? null,
    { timeout: 10_000, polling: WAIT_POLL_MS },
    selector,
    text,
  );
  return handle as ElementHandle<E>;
}

/** A button by its visible name. */
/** A button by its accessible name (aria-label, else its text), as Playwright's getByRole finds it. */
export async function button(page: Page, name: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (n) =>
      Array.from(document.querySelectorAll('button')).find(
        (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === n,
      ) ?? null,
    { timeout: 10_000, polling: WAIT_POLL_MS },
    name,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/** Sets a checkbox or radio button by clicking it (a real click), unless it already is as wanted. */
export async function setChecked(page: Page, label: string, checked = true): Promise<void> {
  const box = await byLabel(page, label);
  if ((await box.evaluate((el) => el.checked)) !== checked) await box.click();
}

/** Types into a text field after clearing it. */
export async function fill(field: ElementHandle<HTMLInputElement>, text: string): Promise<void> {
  await field.click({ count: 3 });
  await field.evaluate((el) => {
    el.value = '';
  });
  await field.type(text);
}

/**
 * The popup for a tab, as if opened from the toolbar over it: it reads "the active tab of its
 * window" when it loads, so it is loaded in a tab behind the page's (the last tab opened), then
 * brought to the front for the clicks (BiDi input into a background tab waits for frames that do not come).
 */
export async function popupOver(harness: FirefoxHarness, page: Page): Promise<Page> {
  await page.bringToFront();
  const popup = await harness.openExtensionPage('popup.html', { behind: true });
  await waitForText(popup, '.status', /^(?!Loading)/);
  await popup.bringToFront();
  return popup;
}

/** The serious and critical accessibility violations of a page (axe-core, evaluated in the page). */
export async function seriousViolations(page: Page, include?: string) {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const all = await page.evaluate(async (selector) => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: unknown[]; help: string }> };
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  }, include ?? null);
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
