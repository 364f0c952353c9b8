/**
 * The overlay's code is a script of its own (entrypoints/overlay.tsx), put into a page by the background only once
 * the page has something to show: most pages of a listed site match nothing, and every one of them parses the
 * content script, so Preact, the overlay and its styles stay out of it (issue 18: the content script under 30 KB
 * gzipped). Both scripts run in the extension's own script world of the page, which the page cannot see: the overlay
 * script leaves its entry point there under this name, and the content script calls it.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Article } from '../lib/article';
import type { Settings } from '../lib/settings';
import type { ResultView } from '../lib/view';

export const OVERLAY_UI = '__wiretraceOverlayUi';

/** The overlay script as built (WXT names an unlisted script after its entrypoint file). */
export const OVERLAY_SCRIPT_FILE = '/overlay.js';

/** A match as the overlay shows it: the story found and the page's quotes. */
export type Found = NonNullable<ResultView['match']> & { quotes: ResultView['quotes'] };

/** Takes away what is on the page for one result: the overlay, its marks, its watch on the extension. */
export type Remove = () => void;

export interface OverlayUi {
  /** Puts the overlay (and the marks, if the reader wants them from the start) on the page. */
  show(ctx: ContentScriptContext, article: Article, found: Found, settings: Settings): Promise<Remove>;
}

/** The overlay script's entry point in this script world, once the background has put it there. */
export function overlayUi(): OverlayUi | undefined {
  return (globalThis as Record<string, unknown>)[OVERLAY_UI] as OverlayUi | undefined;
}
