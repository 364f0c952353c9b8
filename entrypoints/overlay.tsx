import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { Overlay } from '../components/Overlay';
import diffCss from '../components/diff.css?inline';
import overlayCss from '../components/overlay.css?inline';
import type { Article } from '../lib/article';
import { applyHighlights, planHighlights } from '../lib/highlight';
import type { Settings } from '../lib/settings';
import { CHECK_AND_OPEN, CHECK_REQUESTED, OPEN_PANEL, sendMessage } from '../messaging/protocol';
import { OVERLAY_UI, type Found, type OverlayUi, type Remove } from '../utils/overlay-ui';

/** How often a page showing an overlay checks that the extension is still there (after an update it is not). */
const INVALIDATION_CHECK_MS = 1_000;

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

/** The keyboard shortcut checked this page (utils/content-script.ts): the panel opens on the result. */
const openRequested = () => (globalThis as Record<string, unknown>)[CHECK_REQUESTED] === CHECK_AND_OPEN;

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
async function show(ctx: ContentScriptContext, article: Article, found: Found, settings: Settings): Promise<Remove> {
  const setHighlight = highlighter(article, found, () => ui.shadowHost);
  const ui = await createOverlay(ctx, found, settings, setHighlight);
  ui.mount();
  if (settings.highlight) setHighlight(true);
  const orphanCheck = ctx.setInterval(() => void ctx.isInvalid, INVALIDATION_CHECK_MS);
  return () => {
    clearInterval(orphanCheck);
    setHighlight(false);
    ui.remove();
  };
}

export default defineUnlistedScript(() => {
  const entry: OverlayUi = { show };
  (globalThis as Record<string, unknown>)[OVERLAY_UI] = entry;
});
