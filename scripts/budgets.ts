/**
 * Size budgets, checked in CI (npm test runs this after the builds): prints
 * each figure and fails when a budget is exceeded.
 *   npm run budgets
 * - the content script, gzipped: it is parsed on every page of the listed sites;
 *   what dominates it is attributed by an esbuild bundle of the same entry
 *   (minified, per package or source folder: close to, not the same as, the
 *   WXT build's bytes);
 * - index bytes per story, bundled (full build) and compact;
 * - the whole package per browser, raw and gzipped file by file (about what a
 *   store's zip holds).
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeCompactIndex } from '../lib/index-compact';
import { parseIndex } from '../lib/index-schema';
import { parseCli } from './cli-args';
import { RULE_FILE, withoutRuleDocs } from './rule-docs';

/** 1 KB = 1,000 bytes here: the stricter reading of "30 KB". */
const KB = 1000;
const BUDGETS = {
  // Parsed on every page of every listed site; the overlay's code (overlay.js) loads only on pages with something to show.
  contentScriptGzip: 30 * KB,
  packageRaw: 1000 * KB,
};
const BUILDS = ['.output/chrome-mv3', '.output/firefox-mv2'];

parseCli({
  command: 'budgets',
  usage: `(no arguments)
  prints the content script's size and what it is made of, index bytes per story and package sizes;
  fails over budget. Reads the builds in .output (npm run build makes them).
  -h, --help   this text`,
  options: {},
  allowPositionals: false,
});

let failed = false;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
function check(label: string, value: number, budget: number | null): void {
  const over = budget !== null && value > budget;
  failed ||= over;
  const limit = budget === null ? '' : ` (budget ${kb(budget)}${over ? ': OVER' : ''})`;
  console.log(`${label}: ${kb(value)}${limit}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

// Content script.
for (const dir of BUILDS) {
  const content = readFileSync(join(dir, 'content-scripts/content.js'));
  check(`content script, ${dir}, gzipped`, gzipSync(content, { level: 9 }).length, BUDGETS.contentScriptGzip);
  const overlay = readFileSync(join(dir, 'overlay.js'));
  check(`  overlay script (only where a story is found), gzipped`, gzipSync(overlay, { level: 9 }).length, null);
}
const bundle = await build({
  entryPoints: ['entrypoints/content.tsx'],
  bundle: true,
  minify: true,
  format: 'iife',
  write: false,
  metafile: true,
  outdir: 'budget-attribution',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'text' },
  define: { 'import.meta.env.WXT_E2E_OPEN_SHADOW': '"false"', 'import.meta.env.ENTRYPOINT': '"content"' },
  logLevel: 'silent',
  // As the WXT build does (wxt.config.ts): rule documentation is not shipped.
  plugins: [
    {
      name: 'rule-docs-left-out',
      setup(b) {
        b.onLoad({ filter: RULE_FILE }, (args) => ({
          contents: withoutRuleDocs(readFileSync(args.path, 'utf8')),
          loader: 'json',
        }));
      },
    },
  ],
});
const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint)!;
const byPart = new Map<string, number>();
for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
  const inModules = file.split('node_modules/')[1];
  const part = inModules
    ? inModules
        .split('/')
        .slice(0, inModules.startsWith('@') ? 2 : 1)
        .join('/')
    : file.replace(/\?.*$/, '').split('/').slice(0, 2).join('/');
  byPart.set(part, (byPart.get(part) ?? 0) + bytesInOutput);
}
console.log(`  what it is made of (esbuild, minified, ${kb(output.bytes)} in all):`);
for (const [part, bytes] of [...byPart].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  console.log(`    ${((100 * bytes) / output.bytes).toFixed(0).padStart(3)}%  ${kb(bytes).padStart(8)}  ${part}`);
}

// Index bytes per story.
const bundledIndex = readFileSync('assets/index.json');
const index = parseIndex(bundledIndex.toString('utf8'));
const stories = index.stories.length;
check(
  `bundled index (full build, with wire texts), per story, ${stories} stories`,
  bundledIndex.length / stories,
  null,
);
check(`compact build of the same stories, per story`, encodeCompactIndex(index.stories).length / stories, null);

// Packages.
for (const dir of BUILDS) {
  const files = filesUnder(dir);
  const raw = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  check(`package ${relative('.', dir)}, ${files.length} files, raw`, raw, BUDGETS.packageRaw);
  console.log(`  gzipped file by file: ${kb(gzipped)}`);
}

if (failed) {
  console.error('budgets: exceeded (see OVER above)');
  process.exit(1);
}
console.log('budgets: all within');
