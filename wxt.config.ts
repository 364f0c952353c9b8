import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { RULE_FILE, withoutRuleDocs } from './scripts/rule-docs';
import { thirdPartyLicenses } from './scripts/third-party-licenses';
import { OPEN_PANEL_COMMAND, OPEN_PANEL_DESCRIPTION, OPEN_PANEL_KEYS } from './lib/commands';
import { CONTENT_MATCHES, INDEX_PATH } from './lib/sites';

/** Leaves rule documentation out of the bundles. */
function ruleDocsLeftOut(): Plugin {
  return {
    name: 'wiretrace:rule-docs-left-out',
    enforce: 'pre',
    transform: (code, id) => (RULE_FILE.test(id) ? { code: withoutRuleDocs(code), map: null } : null),
  };
}

/** What a runtime request for a reader's own site may name (never granted as a whole). */
const ANY_SITE = '*://*/*';

/** The browser-test build: `WXT_E2E_OPEN_SHADOW=true wxt build [-b firefox]` (npm run build:e2e). */
const E2E_BUILD = process.env.WXT_E2E_OPEN_SHADOW === 'true';
/**
 * In the browser-test build only: host access to one unlisted test site, standing in for what
 * activeTab grants when the reader clicks the toolbar button (a headless browser cannot click it),
 * so "Add this page to my stories" is tested on a site the content script does not run on.
 */
const E2E_ACTIVE_TAB_SITE = '*://*.example-press.org/*';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  // Every file imports what it uses: no auto-imported globals, so lib/'s purity is visible in its imports and checked by lint.
  imports: false,
  // The browser-test builds (overlay shadow root open so tests can reach inside) never overwrite the real ones: WXT
  // adds the target's folder, so Chrome's lands in .output/e2e/chrome-mv3 and Firefox's in .output/e2e/firefox-mv2.
  outDir: E2E_BUILD ? '.output/e2e' : '.output',
  vite: () => ({
    plugins: [preact(), ruleDocsLeftOut()],
    define: { 'import.meta.env.WXT_E2E_OPEN_SHADOW': JSON.stringify(String(E2E_BUILD)) },
  }),
  hooks: {
    // The index ships as JSON data beside the code, not inside a script:
    // Firefox refuses to parse script files over 4 MB, and JSON.parse is faster.
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve('assets/index.json'), relativeDest: INDEX_PATH.slice(1) });
      // Our license and the licenses of the packages bundled into the code travel with it.
      files.push({ absoluteSrc: resolve('LICENSE'), relativeDest: 'LICENSE.txt' });
      files.push({ contents: thirdPartyLicenses(), relativeDest: 'THIRD_PARTY_LICENSES.txt' });
    },
  },
  manifest: ({ manifestVersion }) => ({
    name: 'Wiretrace',
    description:
      'Which wire story is this page, how faithfully, where else it ran, and what every quote originally said.',
    // Storage for settings; activeTab + scripting for "Check this page" and "Add this page to my
    // stories" on any site, on a click. The content script runs on the listed news and agency sites.
    // alarms: the checks of the reader's subscriptions to published indexes (none by default).
    permissions: ['storage', 'activeTab', 'scripting', 'alarms'],
    host_permissions: [...CONTENT_MATCHES, ...(E2E_BUILD ? [E2E_ACTIVE_TAB_SITE] : [])],
    // Sites the reader adds in the options are asked for one at a time when added (permissions.request
    // with that one site's pattern); this optional pattern is only what such a request may name.
    ...(manifestVersion === 3 ? { optional_host_permissions: [ANY_SITE] } : { optional_permissions: [ANY_SITE] }),
    // A keyboard shortcut for the panel; invoking it grants activeTab, as a click on the toolbar button does.
    commands: {
      [OPEN_PANEL_COMMAND]: { suggested_key: { default: OPEN_PANEL_KEYS }, description: OPEN_PANEL_DESCRIPTION },
    },
    browser_specific_settings: {
      // Firefox asks every add-on to declare what it collects: nothing (no page text leaves the browser).
      gecko: { id: 'wiretrace@wiretrace.dev', data_collection_permissions: { required: ['none'] } },
    },
  }),
});
