/**
 * The license texts of the packages whose code ships inside the extension's bundles (Apache-2.0
 * asks that a copy of the license travel with the work; the MIT and ISC licenses ask the same of
 * their notice), gathered into one file of the build by wxt.config.ts. Packages only the scripts
 * and tests use (fast-xml-parser, playwright-core, vitest…) do not ship and are not listed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHIPPED_PACKAGES = [
  '@aklinker1/zero-serialize-error',
  '@mozilla/readability',
  '@webext-core/messaging',
  '@wxt-dev/browser',
  'diff',
  'fflate',
  'fuse.js',
  'idb',
  'preact',
  'webextension-polyfill',
  'wxt',
];

const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'];

/** One text: each package with its version and license, then its license file (or its package.json's license). */
export function thirdPartyLicenses(root = process.cwd()): string {
  return SHIPPED_PACKAGES.map((name) => {
    const dir = join(root, 'node_modules', name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
    const file = LICENSE_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
    const text = file
      ? readFileSync(file, 'utf8').trim()
      : `Licensed under ${meta.license ?? 'its own terms'} (no license file in the package).`;
    return `${name} ${meta.version} (${meta.license ?? 'see below'})\n${'='.repeat(60)}\n${text}\n`;
  }).join('\n');
}
