import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { extractDocument } from '../lib/extract';
import { CONTENT_MATCHES, hostIsSite, SITES } from '../lib/sites';
import { CHECK_REQUESTED, sendMessage, valueOf } from '../messaging/protocol';
import { overlayUi, type OverlayUi, type Remove } from '../utils/overlay-ui';

/** Quiet time after which a changed page counts as settled, and the longest wait. */
const SETTLE_QUIET_MS = 300;
const SETTLE_MAX_MS = 3_000;

/** Resolves when the page has had no DOM change for a moment (a router rendering the new article), or after a bound. */
function settled(ctx: ContentScriptContext): Promise<void> {
  return new Promise((resolve) => {
    let quiet = ctx.setTimeout(done, SETTLE_QUIET_MS);
    const limit = ctx.setTimeout(done, SETTLE_MAX_MS);
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = ctx.setTimeout(done, SETTLE_QUIET_MS);
    });
    observer.observe(document.body ?? document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    function done() {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      resolve();
    }
  });
}

/** Set by the background in our own script world (the page cannot see it) when it injects this script for "Check this page". */
function checkRequested(): boolean {
  // true for "Check this page", CHECK_AND_OPEN for the keyboard shortcut (the overlay opens its panel).
  return Boolean((globalThis as Record<string, unknown>)[CHECK_REQUESTED]);
}

/** The overlay's code, put into this page's script world by the background the first time there is something to show. */
async function loadOverlayUi(): Promise<OverlayUi> {
  const loaded = overlayUi();
  if (loaded) return loaded;
  valueOf(await sendMessage('loadOverlay', undefined));
  const ui = overlayUi();
  if (!ui) throw new Error('the overlay script did not load');
  return ui;
}

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  // The overlay's styles travel inside the overlay's script, not as a file the page could be allowed
  // to load: no web-accessible resource at all, and "Check this page" on any site is styled too.
  cssInjectionMode: 'manual',
  async main(ctx) {
    const listed = SITES.find((site) => hostIsSite(location.hostname, site));
    let removeShown: Remove | null = null;
    let run = 0;
    const clear = () => {
      removeShown?.();
      removeShown = null;
    };

    // Each step may find that a newer navigation started meanwhile: that one shows its own result.
    const show = async () => {
      const mine = ++run;
      clear();
      // Read once per run: the reader may change them between the articles of a single-page app.
      const settings = valueOf(await sendMessage('settings', undefined));
      // The reader may have turned this site off; "Check this page" is their explicit request and runs anyway.
      if (mine !== run || (listed && settings.disabledSites.includes(listed) && !checkRequested())) return;
      // detect → extract → clean (on a copy of the page) → match (in the background).
      const extracted = extractDocument(document);
      if (!extracted.ok) return;
      const { article } = extracted;
      const { match, quotes } = valueOf(await sendMessage('match', { article, url: location.href }));
      if (mine !== run || !match || ctx.isInvalid) return;
      const ui = await loadOverlayUi();
      if (mine !== run || ctx.isInvalid) return;
      const remove = await ui.show(ctx, article, { ...match, quotes }, settings);
      // A newer navigation started while the overlay was being made: it is not this page's any more.
      if (mine !== run) remove();
      else removeShown = remove;
    };

    ctx.onInvalidated(clear);
    // Nothing of ours may surface in the page's console: a background gone mid-request (an update)
    // or any other failure leaves the page as it was. Developers see why at the "verbose" level.
    const showQuietly = () =>
      show().catch((error: unknown) => console.debug('Wiretrace: no result for this page:', error));
    // A single-page app swaps the article without a page load (WXT checks the URL once a second):
    // follow it once the new page has stopped changing.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      clear();
      void settled(ctx).then(showQuietly);
    });
    await showQuietly();
  },
});
