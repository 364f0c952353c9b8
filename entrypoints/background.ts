import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { compareStory } from '../lib/compare';
import { matchArticle } from '../lib/match';
import { findStory } from '../lib/match-index';
import { INDEX_PATH } from '../lib/sites';
import { toView } from '../lib/view';
import { answerMessages, type TabStatus } from '../messaging/protocol';
import { injectForCheck } from '../utils/content-script';
import { indexLifecycle } from '../utils/index-lifecycle';
import { loadImportedIndex } from '../utils/index-store';
import { oneAtATime } from '../utils/one-at-a-time';
import { loadSettings, settingsItem } from '../utils/settings';
import { syncUserSites } from '../utils/user-sites';

async function bundledIndex(): Promise<Uint8Array> {
  const response = await fetch(browser.runtime.getURL(INDEX_PATH as '/'));
  return new Uint8Array(await response.arrayBuffer());
}

export default defineBackground(() => {
  const indexes = indexLifecycle({ imported: loadImportedIndex, bundled: bundledIndex });
  const statuses = new Map<number, TabStatus>();

  // Every message passes the protocol's one sender gate before any of these runs.
  answerMessages({
    async match({ article, url }, sender) {
      const { index, positions } = await indexes.current();
      const page = matchArticle(index, article);
      if (page.match) positions.set(page.match.story.id, page.match.position);
      const result = toView(page, url, article.credits);
      if (sender.tab?.id !== undefined) statuses.set(sender.tab.id, { state: 'checked', title: article.title, result });
      return result;
    },
    settings: () => loadSettings(),
    tabStatus: ({ tabId }) => statuses.get(tabId) ?? { state: 'unchecked' },
    async checkTab({ tabId }) {
      // A fresh check: the popup waits for this tab's new result, not an earlier one.
      statuses.delete(tabId);
      await injectForCheck(tabId);
    },
    indexInfo: async () => (await indexes.current()).status,
    async search({ query }) {
      const search = (await indexes.current()).search();
      return { results: search.search(query), searched: search.searched, total: search.total };
    },
    async compare({ storyId }) {
      const { index, positions } = await indexes.current();
      // Opened from an overlay, the story was just matched: found at its position, not by a scan.
      const story = findStory(index, storyId, positions.get(storyId));
      if (!story) throw new Error(`The index in use has no story "${storyId}".`);
      return compareStory(story);
    },
    async openCompare({ storyId }) {
      await browser.tabs.create({
        url: browser.runtime.getURL(`/compare.html?story=${encodeURIComponent(storyId)}` as '/'),
      });
    },
    reloadIndex: async () => (await indexes.reload()).status,
  });

  browser.tabs.onRemoved.addListener((tabId) => statuses.delete(tabId));

  // One sync at a time, in order: two overlapping ones would register the same script id twice.
  const inOrder = oneAtATime();
  const resync = () =>
    void inOrder(async () => {
      await syncUserSites(browser, (await loadSettings()).userSites);
    }).catch((error: unknown) => console.warn('Wiretrace: your sites:', error));
  // Every start of the worker syncs (registered scripts persist across browser sessions, so no
  // start-up listener is needed), and so does every change of the permissions or the settings.
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  settingsItem.watch(resync);
  resync();
});
