import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../components/Overlay';
import diffCss from '../components/diff.css?inline';
import overlayCss from '../components/overlay.css?inline';
import type { Article } from '../lib/article';
import { extractDocument } from '../lib/extract';
import { applyHighlights, planHighlights } from '../lib/highlight';
import type { Settings } from '../lib/settings';
import { CONTENT_MATCHES, hostIsSite, SITES } from '../lib/sites';
import type { ResultView } from '../lib/view';
import { CHECK_AND_OPEN, CHECK_REQUESTED, OPEN_PANEL, sendMessage, valueOf } from '../messaging/protocol';

/** Quiet time after which a changed page counts as settled, and the longest wait. */
const SETTLE_QUIET_MS = 300;
const SETTLE_MAX_MS = 3_000;
/** How often a page showing an overlay checks that the extension is still there (after an update it is not). */
const INVALIDATION_CHECK_MS = 1_000;

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

/** A match as the overlay shows it: the story found and the page's quotes. */
type Found = NonNullable<ResultView['match']> & { quotes: ResultView['quotes'] };

/** Takes away what is on the page for one result: the overlay, its marks, its watch on the extension. */
type Remove = () => void;

/** Set by the background in our own script world (the page cannot see it) when it injects this script for "Check this page". */
function checkRequested(): boolean {
  return Boolean((globalThis as Record<string, unknown>)[CHECK_REQUESTED]);
}
/** The keyboard shortcut asked (CHECK_AND_OPEN): the panel opens on the result. */
const openRequested = () => (globalThis as Record<string, unknown>)[CHECK_REQUESTED] === CHECK_AND_OPEN;

/**
 * Marks of wire text on the page's own paragraphs (classes, nothing inserted), planned afresh each
 * time they are switched on: the page may have changed since. `overlay` is left out of the plan.
 */
function highlighter(article: Article, found: Found, overlay: () => Element) {
  let undo: (() => void) | null = null;
  return (on: boolean) => {
    undo?.();
    undo = on
      ? applyHighlights(document, planHighlights(document, article.blocks, found.evidence.passages, overlay()))
      : null;
  };
}

/** The overlay in its own shadow root at the end of the body, ready to mount. */
function createOverlay(
  ctx: ContentScriptContext,
  found: Found,
  settings: Settings,
  setHighlight: (on: boolean) => void,
): Promise<ShadowRootContentScriptUi<HTMLElement>> {
  return createShadowRootUi(ctx, {
    name: 'wiretrace-overlay',
    // Closed: the page cannot read what we say about it. Only the browser-test build opens it,
    // so tests can click inside (tests/e2e/harness.ts; the production build is tested closed).
    mode: import.meta.env.WXT_E2E_OPEN_SHADOW === 'true' ? 'open' : 'closed',
    css: `${overlayCss}\n${diffCss}`,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      render(
        <Overlay
          view={found}
          startOpen={settings.panel === 'open' || openRequested()}
          // The keyboard shortcut reaches the panel through this function, in our own script world.
          onOpener={(open) => ((globalThis as Record<string, unknown>)[OPEN_PANEL] = open)}
          startHighlight={settings.highlight}
          onHighlight={setHighlight}
          theme={settings.theme}
          onCompare={() => {
            // After an update or a disable the background is gone: the click does nothing, and says nothing.
            if (!ctx.isInvalid) void sendMessage('openCompare', { storyId: found.story.id });
          }}
        />,
        container,
      );
      return container;
    },
    onRemove(container) {
      delete (globalThis as Record<string, unknown>)[OPEN_PANEL];
      if (container) render(null, container);
    },
  });
}

/**
 * Puts the overlay on the page (and the marks, if the reader wants them from the start) and,
 * while it is there, checks that the extension still is: an update, reload or disable leaves this
 * script running with no background (ctx.isInvalid notifies onInvalidated).
 */
function showOverlay(
  ctx: ContentScriptContext,
  ui: ShadowRootContentScriptUi<HTMLElement>,
  settings: Settings,
  setHighlight: (on: boolean) => void,
): Remove {
  ui.mount();
  if (settings.highlight) setHighlight(true);
  const orphanCheck = ctx.setInterval(() => void ctx.isInvalid, INVALIDATION_CHECK_MS);
  return () => {
    clearInterval(orphanCheck);
    setHighlight(false);
    ui.remove();
  };
}

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  // The overlay's styles travel inside the script, not as a file the page could be allowed to
  // load: no web-accessible resource at all, and "Check this page" on any site is styled too.
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
      const found = { ...match, quotes };
      const setHighlight = highlighter(article, found, () => ui.shadowHost);
      const ui = await createOverlay(ctx, found, settings, setHighlight);
      if (mine !== run) return;
      removeShown = showOverlay(ctx, ui, settings, setHighlight);
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
