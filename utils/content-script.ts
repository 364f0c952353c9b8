/**
 * How the background puts the content script into a page itself (it also
 * runs on its own on the listed sites, from the manifest): registered for
 * the reader's own sites, or injected into one tab for "Check this page".
 */
import { browser } from 'wxt/browser';
import { CHECK_AND_OPEN, CHECK_REQUESTED, OPEN_PANEL } from '../messaging/protocol';
import { OVERLAY_SCRIPT_FILE } from './overlay-ui';

/**
 * The content script as built (WXT names it after entrypoints/content.tsx). From the extension's
 * root: Chrome and Firefox read a leading slash the same as none, and WXT's types require it.
 */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/**
 * Runs in the tab, in the extension's own script world, before the content script: it is sent
 * as source, so it can use nothing but its argument (the flag's name, spelled once in the protocol).
 */
function markCheckRequested(flag: string, value: true | string): void {
  (globalThis as Record<string, unknown>)[flag] = value;
}

/** Runs in the tab like markCheckRequested: opens the panel of an overlay already shown; false when there is none. */
function openShownPanel(name: string): boolean {
  const open = (globalThis as Record<string, unknown>)[name];
  if (typeof open !== 'function') return false;
  (open as () => void)();
  return true;
}

/**
 * Runs the pipeline in a tab the reader asked about (activeTab): even on a
 * site they turned off, since the flag tells the content script it was asked.
 */
export async function injectForCheck(tabId: number, openPanel = false): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId },
    func: markCheckRequested,
    args: [CHECK_REQUESTED, openPanel ? CHECK_AND_OPEN : true],
  });
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
}

/**
 * The keyboard shortcut: opens the panel of the overlay on the page, or, where there is none yet
 * (an unlisted site, a page not checked), checks the page with the panel opening on its result.
 */
export async function openPanel(tabId: number): Promise<void> {
  const [shown] = await browser.scripting.executeScript({
    target: { tabId },
    func: openShownPanel,
    args: [OPEN_PANEL],
  });
  if (shown?.result !== true) await injectForCheck(tabId, true);
}

/** Puts the overlay's code into the frame whose content script found something to show. */
export async function injectOverlay(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [OVERLAY_SCRIPT_FILE] });
}
