import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../components/Overlay';
import diffCss from '../components/diff.css?inline';
import overlayCss from '../components/overlay.css?inline';
import { extractDocument } from '../lib/extract';
import { applyHighlights, planHighlights } from '../lib/highlight';
import { CONTENT_MATCHES, hostIsSite, SITES } from '../lib/sites';
import { sendMessage, valueOf } from '../messaging/protocol';

/** Set by the background before it injects this script for "Check this page". */
function checkRequested(): boolean {
  return (globalThis as { __wiretraceCheck?: boolean }).__wiretraceCheck === true;
}

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

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  // The overlay's styles travel inside the script, not as a file the page could be allowed to
  // load: no web-accessible resource at all, and "Check this page" on any site is styled too.
  cssInjectionMode: 'manual',
  async main(ctx) {
    const listed = SITES.find((site) => hostIsSite(location.hostname, site));
    let current: { remove(): void } | null = null;
    let run = 0;

    // detect → extract → clean (on a copy of the page) → match (background) → show.
    const show = async () => {
      const mine = ++run;
      current?.remove();
      current = null;
      // Read once per run: the reader may change them between the articles of a single-page app.
      const settings = valueOf(await sendMessage('settings', undefined));
      // The reader may have turned this site off; "Check this page" is their explicit request and runs anyway.
      if (mine !== run || (listed && settings.disabledSites.includes(listed) && !checkRequested())) return;
      const extracted = extractDocument(document);
      if (!extracted.ok) return;
      const view = valueOf(await sendMessage('match', { article: extracted.article, url: location.href }));
      // A newer navigation started while this one was matched: it shows its own result.
      if (mine !== run || !view.match || ctx.isInvalid) return;
      const { match, quotes } = view;
      const article = extracted.article;
      let undoHighlight: (() => void) | null = null;
      // Marks are classes on the page's own paragraphs, planned afresh each time (the page may have changed).
      const setHighlight = (on: boolean) => {
        undoHighlight?.();
        undoHighlight = on
          ? applyHighlights(document, planHighlights(document, article.blocks, match.evidence.passages, ui.shadowHost))
          : null;
      };
      const ui = await createShadowRootUi(ctx, {
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
              view={{ ...match, quotes }}
              startOpen={settings.panel === 'open'}
              startHighlight={settings.highlight}
              onHighlight={setHighlight}
              theme={settings.theme}
              onCompare={() => {
                // After an update or a disable the background is gone: the click does nothing, and says nothing.
                if (!ctx.isInvalid) void sendMessage('openCompare', { storyId: match.story.id });
              }}
            />,
            container,
          );
          return container;
        },
        onRemove(container) {
          if (container) render(null, container);
        },
      });
      if (mine !== run) return;
      ui.mount();
      if (settings.highlight) setHighlight(true);
      // An update, reload or disable of the extension leaves this script running with no background:
      // while an overlay is shown, the check finds that out (ctx.isInvalid notifies onInvalidated).
      const orphanCheck = ctx.setInterval(() => void ctx.isInvalid, INVALIDATION_CHECK_MS);
      current = {
        remove() {
          clearInterval(orphanCheck);
          undoHighlight?.();
          ui.remove();
        },
      };
    };

    ctx.onInvalidated(() => current?.remove());
    // Nothing of ours may surface in the page's console: a background gone mid-request (an update)
    // or any other failure leaves the page as it was. Developers see why at the "verbose" level.
    const showQuietly = () =>
      show().catch((error: unknown) => console.debug('Wiretrace: no result for this page:', error));
    // A single-page app swaps the article without a page load (WXT checks the URL once a second):
    // follow it once the new page has stopped changing.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      current?.remove();
      current = null;
      void settled(ctx).then(showQuietly);
    });
    await showQuietly();
  },
});
