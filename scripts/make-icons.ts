/**
 * Renders the extension's icons (toolbar, store, extension pages) from assets/icon/wiretrace.svg
 * into public/icon/<size>.png, where WXT finds them for the manifest. Uses headless Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium), transparent around the rounded square.
 * Run after changing the drawing: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SIZES = [16, 32, 48, 128];
const SOURCE = 'assets/icon/wiretrace.svg';
const OUT_DIR = 'public/icon';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const svg = readFileSync(SOURCE, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'wiretrace-icons-'));
mkdirSync(OUT_DIR, { recursive: true });
try {
  for (const size of SIZES) {
    const page = join(work, `${size}.html`);
    writeFileSync(
      page,
      `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const out = resolve(OUT_DIR, `${size}.png`);
    execFileSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        '--default-background-color=00000000',
        `--window-size=${size},${size}`,
        `--screenshot=${out}`,
        `file://${page}`,
      ],
      { stdio: 'ignore' },
    );
    console.log(`${out}: ${size}×${size}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
