/**
 * The keyboard shortcut that opens the panel on the page in the tab (manifest `commands`, set in
 * wxt.config.ts; the popup shows the keys the browser actually holds, which the reader may change).
 */
export const OPEN_PANEL_COMMAND = 'open-panel';
/**
 * The same keys on every system. Not Alt+Shift+W, the obvious one: Chromium refuses it as a
 * suggested key (the command is then left without keys), as it does Alt+Shift+X; Alt+Shift+Y is given
 * (tests/e2e/overlay.test.ts reads it back from the browser).
 */
export const OPEN_PANEL_KEYS = 'Alt+Shift+Y';
export const OPEN_PANEL_DESCRIPTION = 'Open the Wiretrace panel on this page';
