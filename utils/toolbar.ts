/**
 * The toolbar button's state for a tab: on a page that was checked and carries none of the
 * reader's stories, a quiet grey "0" and a title that says so (what a screen reader announces),
 * so the reader who wonders why no overlay appeared finds the popup's account of what Wiretrace
 * knows. A match clears it: the overlay says the rest. Browsers drop a tab's badge and title
 * when the tab goes to another page.
 */
import { browser } from 'wxt/browser';
import { NOTHING_HERE_TITLE } from '../lib/labels';

/** Readable on a grey badge in light and dark toolbars; quieter than the overlay's yellow. */
const QUIET_BADGE = '#6b6b6b';
const NOTHING_BADGE = '0';

/** MV3's action, or MV2's browser action (Firefox): the same calls. */
function toolbar() {
  return browser.action ?? browser.browserAction;
}

export async function showToolbarState(tabId: number, matched: boolean): Promise<void> {
  const action = toolbar();
  if (matched) {
    await action.setBadgeText({ tabId, text: '' });
    await action.setTitle({ tabId, title: 'Wiretrace' });
    return;
  }
  await action.setBadgeBackgroundColor({ tabId, color: QUIET_BADGE });
  await action.setBadgeText({ tabId, text: NOTHING_BADGE });
  await action.setTitle({ tabId, title: NOTHING_HERE_TITLE });
}
