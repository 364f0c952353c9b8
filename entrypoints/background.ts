import { BoundedCache } from '../lib/bounded-cache';
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { compareStory } from '../lib/compare';
import { openIndexFile, type OpenedIndex } from '../lib/index-file';
import { matchArticle } from '../lib/match';
import { findStory } from '../lib/match-index';
import { buildSearch, type StorySearch } from '../lib/search';
import { INDEX_PATH } from '../lib/sites';
import { toView } from '../lib/view';
import { onMessage, type IndexStatus, type TabStatus } from '../messaging/protocol';
import { loadImportedIndex } from '../utils/index-store';
import { loadSettings, settingsItem } from '../utils/settings';
import { syncUserSites } from '../utils/user-sites';

/** Recently matched stories whose index position is remembered. */
const MATCHED_POSITIONS = 1_000;

/** Senders we answer: this extension's own content scripts and pages, nobody else. */
function assertOwnSender(sender: Browser.runtime.MessageSender): void {
  if (sender.id !== browser.runtime.id) throw new Error('Wiretrace refuses messages from other extensions or pages.');
}

export default defineBackground(() => {
  type Loaded = OpenedIndex & { status: IndexStatus };
  let loading: Promise<Loaded> | null = null;
  const bundled = async (): Promise<OpenedIndex> =>
    openIndexFile(new Uint8Array(await (await fetch(browser.runtime.getURL(INDEX_PATH as '/'))).arrayBuffer()));
  /**
   * The index is opened once per worker life, on first use: the reader's
   * import if there is one and it opens, else the bundled index (a stored
   * import that no longer opens is reported, never used half-way).
   */
  const load = async (): Promise<Loaded> => {
    let problem: string | undefined;
    try {
      const imported = await loadImportedIndex();
      if (imported) {
        const opened = openIndexFile(imported);
        return { ...opened, status: { source: 'imported', info: opened.info } };
      }
    } catch (error) {
      problem = (error as Error).message;
    }
    const opened = await bundled();
    return { ...opened, status: { source: 'bundled', info: opened.info, ...(problem ? { problem } : {}) } };
  };
  const getIndex = () => (loading ??= load());
  /** Built on the first search of a worker life, for the index in use. */
  let search: Promise<StorySearch> | null = null;
  const getSearch = () => (search ??= getIndex().then((loaded) => buildSearch(loaded.index)));
  const statuses = new Map<number, TabStatus>();
  /** Positions of recently matched stories in the index in use, by id (for the compare page). */
  const matchedAt = new BoundedCache<string, number>(MATCHED_POSITIONS);
  const rememberPosition = (id: string, position: number) => matchedAt.set(id, position);

  onMessage('match', async ({ data, sender }) => {
    assertOwnSender(sender);
    const page = matchArticle((await getIndex()).index, data.article);
    if (page.match) rememberPosition(page.match.story.id, page.match.position);
    const result = toView(page, data.url, data.article.credits);
    if (sender.tab?.id !== undefined)
      statuses.set(sender.tab.id, { state: 'checked', title: data.article.title, result });
    return result;
  });

  onMessage('settings', ({ sender }) => {
    assertOwnSender(sender);
    return loadSettings();
  });

  onMessage('tabStatus', ({ data, sender }) => {
    assertOwnSender(sender);
    return statuses.get(data.tabId) ?? { state: 'unchecked' };
  });

  onMessage('checkTab', async ({ data, sender }) => {
    assertOwnSender(sender);
    // A fresh check: the popup waits for this tab's new result, not an earlier one.
    statuses.delete(data.tabId);
    try {
      // The reader asked for this page: the script runs even on a site they turned off.
      await browser.scripting.executeScript({
        target: { tabId: data.tabId },
        func: () => {
          (globalThis as { __wiretraceCheck?: boolean }).__wiretraceCheck = true;
        },
      });
      await browser.scripting.executeScript({ target: { tabId: data.tabId }, files: ['/content-scripts/content.js'] });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  });

  onMessage('indexInfo', async ({ sender }) => {
    assertOwnSender(sender);
    return (await getIndex()).status;
  });

  onMessage('search', async ({ data, sender }) => {
    assertOwnSender(sender);
    const s = await getSearch();
    return { results: s.search(data.query), searched: s.searched, total: s.total };
  });

  onMessage('compare', async ({ data, sender }) => {
    assertOwnSender(sender);
    const { index } = await getIndex();
    // Opened from an overlay, the story was just matched: found at its position, not by a scan.
    const story = findStory(index, data.storyId, matchedAt.get(data.storyId));
    return story ? { view: compareStory(story) } : { error: `The index in use has no story "${data.storyId}".` };
  });

  onMessage('openCompare', async ({ data, sender }) => {
    assertOwnSender(sender);
    await browser.tabs.create({
      url: browser.runtime.getURL(`/compare.html?story=${encodeURIComponent(data.storyId)}` as '/'),
    });
  });

  onMessage('reloadIndex', async ({ sender }) => {
    assertOwnSender(sender);
    loading = null;
    search = null;
    // Positions belong to the index they were found in.
    matchedAt.clear();
    return (await getIndex()).status;
  });

  browser.tabs.onRemoved.addListener((tabId) => statuses.delete(tabId));

  // One sync at a time, in order: two overlapping ones would register the same script id twice.
  let syncing: Promise<void> = Promise.resolve();
  const resync = () => {
    syncing = syncing
      .then(async () => {
        await syncUserSites(browser, (await loadSettings()).userSites);
      })
      .catch((error: unknown) => console.warn('Wiretrace: your sites:', error));
  };
  // Every start of the worker syncs (registered scripts persist across browser sessions, so no
  // start-up listener is needed), and so does every change of the permissions or the settings.
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  settingsItem.watch(resync);
  resync();
});
