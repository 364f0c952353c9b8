import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../components/Overlay';
import '../components/overlay.css';
import { extractDocument } from '../lib/extract';
import { applyHighlights, planHighlights } from '../lib/highlight';
import { CONTENT_MATCHES } from '../lib/sites';
import { sendMessage } from '../messaging/protocol';
import { loadSettings } from '../utils/settings';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // detect → extract → clean (on a clone of the page) → match (background) → show.
    const extracted = extractDocument(document);
    if (!extracted.ok) return;
    const view = await sendMessage('match', { article: extracted.article, url: location.href });
    if (!view.match || ctx.isInvalid) return;
    const { match, quotes } = view;
    const settings = await loadSettings();
    const article = extracted.article;
    let undoHighlight: (() => void) | null = null;
    // Marks are classes on the page's own paragraphs, planned afresh each time (the page may have changed).
    const setHighlight = (on: boolean) => {
      undoHighlight?.();
      undoHighlight = on
        ? applyHighlights(document, planHighlights(document, article.blocks, match.evidence.passages, ui.shadowHost))
        : null;
    };
    ctx.onInvalidated(() => undoHighlight?.());
    const ui = await createShadowRootUi(ctx, {
      name: 'wiretrace-overlay',
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
            onCompare={() => void sendMessage('openCompare', { storyId: match.story.id })}
          />,
          container,
        );
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
    if (settings.highlight) setHighlight(true);
  },
});
