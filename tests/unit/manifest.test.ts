/**
 * The built manifests, checked so that a change cannot widen what Wiretrace
 * may touch without this test being edited too: content scripts only on the
 * listed news sites and the wire agencies' own sites (where reading teaches
 * it stories), no access to every site, the one-click check through
 * activeTab + scripting.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENCY_MATCHES } from '../../lib/agency-sites';
import { OPEN_PANEL_COMMAND, OPEN_PANEL_KEYS } from '../../lib/commands';
import { CONTENT_MATCHES } from '../../lib/sites';
import { SHIPPED_PACKAGES } from '../../scripts/third-party-licenses';

type Manifest = Record<string, unknown> & {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: Array<{ matches: string[]; js?: string[]; css?: string[]; all_frames?: boolean }>;
  web_accessible_resources?: Array<{ resources: string[]; matches: string[] }> | string[];
  icons?: Record<string, string>;
  commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
};

/** Icon sizes the toolbar, the extensions page and the stores ask for. */
const ICON_SIZES = ['16', '32', '48', '128'];

/** The same in both builds: icons that exist at their size, the toolbar title, the panel's shortcut. */
function itHasIconsTitleAndShortcut(target: 'chrome-mv3' | 'firefox-mv2', manifest: Manifest, action: string) {
  it('has its own icon at every size the browser asks for, each a PNG of that size', () => {
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual([...ICON_SIZES].sort());
    for (const size of ICON_SIZES) {
      const png = readFileSync(join('.output', target, manifest.icons![size]!));
      // PNG signature, then the IHDR chunk's width and height.
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });

  it('carries its license and the license of every package bundled into its code', () => {
    expect(readFileSync(join('.output', target, 'LICENSE.txt'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
    const notices = readFileSync(join('.output', target, 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    for (const name of SHIPPED_PACKAGES) expect(notices).toContain(`${name} `);
    // Readability and Fuse.js are Apache-2.0: their license text itself, not only its name.
    expect(notices.match(/Apache License/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('names its toolbar button "Wiretrace" (what a screen reader says) and declares the panel shortcut', () => {
    expect((manifest[action] as { default_title?: string }).default_title).toBe('Wiretrace');
    expect(manifest.commands?.[OPEN_PANEL_COMMAND]?.suggested_key?.default).toBe(OPEN_PANEL_KEYS);
    expect(manifest.commands?.[OPEN_PANEL_COMMAND]?.description).toMatch(/panel/);
  });
}

/** Reads a build's manifest, building it first when missing (npm test builds both before the tests). */
function manifestOf(target: 'chrome-mv3' | 'firefox-mv2'): Manifest {
  const file = join('.output', target, 'manifest.json');
  if (!existsSync(file)) execSync(target === 'chrome-mv3' ? 'npx wxt build' : 'npx wxt build -b firefox');
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

const SITES = [...CONTENT_MATCHES].sort();
/** The five news outlets of the seed corpus; the rest of the list is the agency sites. */
const NEWS_SITES = [
  '*://*.cgtn.com/*',
  '*://*.gettotext.com/*',
  '*://*.investing.com/*',
  '*://*.tbsnews.net/*',
  '*://*.voi.id/*',
];
/** Patterns that would reach every site. */
const EVERY_SITE = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*'];
/** API permissions the extension may hold; anything else fails here until it is argued for. */
/** alarms: the checks of the reader's subscriptions to published indexes (utils/subscription-checks.ts). */
const API_PERMISSIONS = ['activeTab', 'alarms', 'scripting', 'storage'];

describe('Chrome manifest (MV3)', () => {
  const manifest = manifestOf('chrome-mv3');
  itHasIconsTitleAndShortcut('chrome-mv3', manifest, 'action');

  it('holds only storage, activeTab, scripting and alarms', () => {
    expect([...(manifest.permissions ?? [])].sort()).toEqual(API_PERMISSIONS);
  });

  it('has host access only to the listed news sites and the agency sites', () => {
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(SITES);
    expect(SITES).toEqual([...NEWS_SITES, ...AGENCY_MATCHES].sort());
    expect(AGENCY_MATCHES).toHaveLength(15);
    for (const pattern of EVERY_SITE) expect(manifest.host_permissions).not.toContain(pattern);
  });

  it('may ask at run time for a site the reader adds (one site per request, see entrypoints/options)', () => {
    expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('injects its content script only on the listed sites, top frame only', () => {
    expect(manifest.content_scripts).toHaveLength(1);
    const script = manifest.content_scripts![0]!;
    expect([...script.matches].sort()).toEqual(SITES);
    expect(script.all_frames ?? false).toBe(false);
  });

  it('exposes no file to web pages (the overlay styles travel inside the script)', () => {
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('keeps the default content security policy and accepts no outside connections', () => {
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });
});

describe('Firefox manifest (MV2)', () => {
  const manifest = manifestOf('firefox-mv2');
  itHasIconsTitleAndShortcut('firefox-mv2', manifest, 'browser_action');

  it('holds the same API permissions and host access as the Chrome build', () => {
    const held = [...(manifest.permissions ?? [])].sort();
    expect(held).toEqual([...API_PERMISSIONS, ...SITES].sort());
    for (const pattern of EVERY_SITE) expect(held).not.toContain(pattern);
  });

  it('may ask at run time for a site the reader adds, and for nothing else', () => {
    expect(manifest.optional_permissions).toEqual(['*://*/*']);
  });

  it('injects its content script only on the listed sites', () => {
    expect([...manifest.content_scripts![0]!.matches].sort()).toEqual(SITES);
    expect(manifest.content_scripts).toHaveLength(1);
  });

  it('keeps the default content security policy and exposes no file to web pages', () => {
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });
});
