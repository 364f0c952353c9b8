/**
 * The keyboard shortcut that opens the panel on the page in the tab (manifest `commands`, set in
 * wxt.config.ts; the popup shows the keys the browser actually holds, which the reader may change).
 */
export const OPEN_PANEL_COMMAND = 'open-panel';
/** Alt+Shift+W ("Wiretrace"): free in Chrome and Firefox, and the same keys on every system. */
export const OPEN_PANEL_KEYS = 'Alt+Shift+W';
export const OPEN_PANEL_DESCRIPTION = 'Open the Wiretrace panel on this page';
