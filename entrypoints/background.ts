import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseIndex } from '../lib/index-schema';
import { loadIndex, matchArticle, type MatchIndex } from '../lib/match';
import { INDEX_PATH } from '../lib/sites';
import { toView } from '../lib/view';
import { onMessage, type TabStatus } from '../messaging/protocol';

/** Senders we answer: this extension's own content scripts and pages, nobody else. */
function assertOwnSender(sender: Browser.runtime.MessageSender): void {
  if (sender.id !== browser.runtime.id) throw new Error('Wiretrace refuses messages from other extensions or pages.');
}

export default defineBackground(() => {
  let index: Promise<MatchIndex> | null = null;
  /** The index is parsed once per worker life, on first use. */
  const getIndex = () =>
    (index ??= fetch(browser.runtime.getURL(INDEX_PATH as '/'))
      .then((r) => r.text())
      .then((text) => loadIndex(parseIndex(text))));
  const statuses = new Map<number, TabStatus>();

  onMessage('match', async ({ data, sender }) => {
    assertOwnSender(sender);
    const result = toView(matchArticle(await getIndex(), data.article), data.url);
    if (sender.tab?.id !== undefined)
      statuses.set(sender.tab.id, { state: 'checked', title: data.article.title, result });
    return result;
  });

  onMessage('tabStatus', ({ data, sender }) => {
    assertOwnSender(sender);
    return statuses.get(data.tabId) ?? { state: 'unchecked' };
  });

  onMessage('checkTab', async ({ data, sender }) => {
    assertOwnSender(sender);
    try {
      await browser.scripting.executeScript({ target: { tabId: data.tabId }, files: ['/content-scripts/content.js'] });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => statuses.delete(tabId));
});
