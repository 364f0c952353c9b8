import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../components/Overlay';
import '../components/overlay.css';
import { extractDocument } from '../lib/extract';
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
    const ui = await createShadowRootUi(ctx, {
      name: 'wiretrace-overlay',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        render(<Overlay view={{ ...match, quotes }} startOpen={settings.panel === 'open'} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
