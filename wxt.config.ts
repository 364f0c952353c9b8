import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import { CONTENT_MATCHES, INDEX_PATH } from './lib/sites';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The index ships as JSON data beside the code, not inside a script:
    // Firefox refuses to parse script files over 4 MB, and JSON.parse is faster.
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve('assets/index.json'), relativeDest: INDEX_PATH.slice(1) });
    },
  },
  manifest: {
    name: 'Wiretrace',
    description:
      'Which wire story is this page, how faithfully, where else it ran, and what every quote originally said.',
    // Storage for settings; activeTab + scripting for "Check this page" on any site, on a click.
    permissions: ['storage', 'activeTab', 'scripting'],
    host_permissions: [...CONTENT_MATCHES],
    browser_specific_settings: { gecko: { id: 'wiretrace@wiretrace.dev' } },
  },
});
