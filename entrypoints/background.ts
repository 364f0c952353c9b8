import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { Article } from '../lib/article';
import { compareStory } from '../lib/compare';
import { INDEX_PATH } from '../lib/sites';
import { answerMessages, type TabStatus } from '../messaging/protocol';
import { OPEN_PANEL_COMMAND } from '../lib/commands';
import { injectForCheck, injectOverlay, openPanel } from '../utils/content-script';
import { indexLifecycle } from '../utils/index-lifecycle';
import { showToolbarState } from '../utils/toolbar';
import { openLearnedStore } from '../utils/learned-store';
import { addPage, learnedList, matchPage, measured, OPEN_LEARNED_MEASURE } from '../utils/learning';
import { oneAtATime } from '../utils/one-at-a-time';
import { loadSettings, settingsItem } from '../utils/settings';
import { learnedRecords, listImports, subscriptionStore, wordList } from '../utils/story-db';
import { subscriptionChecks } from '../utils/subscription-checks';
import { openSubscriptions } from '../utils/subscriptions';
import { syncUserSites } from '../utils/user-sites';
import { wordListsInUse } from '../utils/word-lists';

/** The first-run page, opened once when Wiretrace is installed (not on updates). */
const WELCOME_PAGE = '/welcome.html';

async function bundledIndex(): Promise<Uint8Array> {
  const response = await fetch(browser.runtime.getURL(INDEX_PATH as '/'));
  return new Uint8Array(await response.arrayBuffer());
}

export default defineBackground(() => {
  const indexes = indexLifecycle({
    bundled: bundledIndex,
    imports: listImports,
    learned: () => measured(OPEN_LEARNED_MEASURE, () => openLearnedStore(learnedRecords)),
    subscriptions: () => openSubscriptions(subscriptionStore),
  });
  // The only requests Wiretrace makes on its own: the subscriptions the reader added (none by default).
  const subscriptions = subscriptionChecks(subscriptionStore, (url, init) => fetch(url, init), indexes.reload);
  const statuses = new Map<number, TabStatus>();
  /** Each tab's last extracted article, for "Add this page to my stories" (gone with the tab). */
  const articles = new Map<number, { article: Article; url: string }>();

  /** The reader's word lists, read when a page in their language is first matched. */
  const wordLists = wordListsInUse(wordList);

  // Every message passes the protocol's one sender gate before any of these runs.
  answerMessages({
    async match({ article, url }, sender) {
      const lexicons = await wordLists.forArticle(article);
      const result = await matchPage(await indexes.current(), await loadSettings(), article, url, Date.now(), lexicons);
      if (sender.tab?.id !== undefined) {
        statuses.set(sender.tab.id, { state: 'checked', title: article.title, result });
        articles.set(sender.tab.id, { article, url });
        // The page's own frame decides the button's state (an embedded frame's result does not).
        if (!sender.frameId)
          void showToolbarState(sender.tab.id, result.match !== null).catch((error: unknown) =>
            console.debug('Wiretrace: toolbar state:', error),
          );
      }
      return result;
    },
    settings: () => loadSettings(),
    async loadOverlay(_, sender) {
      if (sender.tab?.id === undefined) throw new Error('only a page can show the overlay');
      await injectOverlay(sender.tab.id, sender.frameId ?? 0);
    },
    tabStatus: ({ tabId }) => statuses.get(tabId) ?? { state: 'unchecked' },
    async checkTab({ tabId }) {
      // A fresh check: the popup waits for this tab's new result, not an earlier one.
      statuses.delete(tabId);
      await injectForCheck(tabId);
    },
    indexInfo: async () => (await indexes.current()).status(),
    async search({ query }) {
      const search = (await indexes.current()).search();
      return { results: search.search(query), searched: search.searched, total: search.total };
    },
    async compare({ storyId }) {
      const inUse = await indexes.current();
      const { index } = inUse;
      const position = inUse.positionOf(storyId);
      if (position < 0) throw new Error(`The index in use has no story "${storyId}".`);
      return { ...compareStory(index.story(position).story), source: index.sourceOf(position) };
    },
    async storyList({ limit }) {
      const { index } = await indexes.current();
      // From the end: the reader's own stories come last in the union, and are what they look for first.
      const stories = [];
      for (let p = index.storyCount - 1; p >= 0 && stories.length < limit; p--) {
        const { story } = index.story(p);
        const headline = story.headlines[story.headlines.length - 1] ?? story.id;
        stories.push({ id: story.id, agency: story.agency, date: story.date, headline, source: index.sourceOf(p) });
      }
      return { stories, total: index.storyCount };
    },
    async openCompare({ storyId }) {
      await browser.tabs.create({
        url: browser.runtime.getURL(`/compare.html?story=${encodeURIComponent(storyId)}` as '/'),
      });
    },
    reloadIndex: async () => (await indexes.reload()).status(),
    wordListsChanged: () => wordLists.reset(),
    addPage: async ({ tabId, source }) =>
      addPage(await indexes.current(), await loadSettings(), articles.get(tabId), source),
    learnedList: async ({ query }) => learnedList((await indexes.current()).learned.records(), query),
    learnedDelete: async ({ ids }) => (await indexes.current()).learned.remove(ids),
    learnedForget: async () => (await indexes.current()).learned.forget('learned'),
    subscriptionsList: () => subscriptions.list(),
    subscriptionAdd: (input) => subscriptions.add(input),
    subscriptionUpdate: ({ id }) => subscriptions.update(id),
    subscriptionRemove: ({ id }) => subscriptions.remove(id),
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    statuses.delete(tabId);
    articles.delete(tabId);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== OPEN_PANEL_COMMAND || tab?.id === undefined) return;
    // A page no extension may read (the browser's own, the web store): the shortcut does nothing there.
    openPanel(tab.id).catch((error: unknown) => console.debug('Wiretrace: no panel on this page:', error));
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE as '/') });
  });

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
  // A lower cap takes effect at once, not at the next story learned.
  settingsItem.watch(
    () =>
      void (async () => {
        const { learnedCap } = await loadSettings();
        await (await indexes.current()).learned.holdCap(learnedCap);
      })().catch((error: unknown) => console.warn('Wiretrace: learned stories:', error)),
  );
});
