/**
 * The whole content-script pipeline in Chromium, on the extraction
 * benchmark's real pages: time from a page's load to the overlay on it.
 * Times are read in the page (Navigation Timing, and a MutationObserver for
 * our host element): from navigation start, from DOMContentLoaded and from
 * the load event (some pages never reach it here: their resources go
 * nowhere).
 *   npm run bench:pipeline [-- --bench ../shared/extraction-bench --pages 91]
 * The benchmark pages carry no wire story, so an index is made for this run
 * in which each page's hand-made article body is a "wire story": every page
 * is then a copy, and the overlay shows once detection, extraction, cleaning,
 * the message to the background, matching and rendering are all done. The
 * index is imported through the options page, as a reader would; the
 * production build (closed overlay) is used; pages are served on loopback
 * under a listed site's hostname. Baseline, same run: each page's own load
 * DOMContentLoaded and load times.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli-args';
import { gunzipSync } from 'node:zlib';
import { encodeCompactIndex } from '../lib/index-compact';
import type { Story } from '../lib/index-schema';
import { extractQuotes } from '../lib/quotes';
import { ensureBuilt, extensionId, PRODUCTION_DIR, startHarness } from '../tests/e2e/harness';
import { quantile } from './bench-utils';

const { values } = parseCli({
  command: 'bench:pipeline',
  usage: `[--bench DIR] [--pages N]
  --bench DIR    the extraction benchmark (default: ../shared/extraction-bench)
  --pages N      how many of its pages (default: 91)
  -h, --help     this text`,
  allowPositionals: false,
  paths: ['bench'],
  options: {
    bench: { type: 'string', default: '../shared/extraction-bench' },
    pages: { type: 'string', default: '91' },
  },
});
const BENCH = values.bench!;
if (!existsSync(join(BENCH, 'ground-truth.json'))) {
  console.error(`bench:pipeline needs the extraction benchmark at ${BENCH} (it is never copied into the repository)`);
  process.exit(2);
}
/** How long a page gets to show its overlay before it counts as "none". */
const OVERLAY_TIMEOUT_MS = 15_000;

const truth = JSON.parse(readFileSync(join(BENCH, 'ground-truth.json'), 'utf8')) as Record<
  string,
  { articleBody: string; url?: string }
>;
const names = Object.keys(truth)
  .filter((name) => existsSync(join(BENCH, 'html', `${name}.html.gz`)))
  .sort()
  .slice(0, Number(values.pages));

const stories: Story[] = names.map((name) => {
  const paragraphs = truth[name]!.articleBody.split(/\n+/).filter((p) => p.trim());
  const id = `bench-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
  return {
    id,
    agency: 'Benchmark',
    date: '2000-01-01',
    dateline: null,
    bylines: [],
    headlines: [paragraphs[0]!.slice(0, 120)],
    url: null,
    versions: [],
    wire: [{ version: 'wire', paragraphs }],
    quotes: extractQuotes(paragraphs).map((q) => ({
      text: q.text,
      speaker: q.speaker,
      role: q.role,
      context: q.context,
      version: 'wire',
    })),
  };
});
const index = encodeCompactIndex(stories);

const pages: Record<string, string> = {};
for (const name of names)
  pages[`uk.investing.com/bench/${name}`] = gunzipSync(readFileSync(join(BENCH, 'html', `${name}.html.gz`))).toString(
    'utf8',
  );

ensureBuilt();
const harness = await startHarness(PRODUCTION_DIR, pages);
try {
  const options = await harness.context.newPage();
  await options.goto(`chrome-extension://${await extensionId(harness.context)}/options.html`);
  await options
    .getByLabel(/Import an index file/)
    .setInputFiles({ name: 'bench.wtix', mimeType: 'application/octet-stream', buffer: Buffer.from(index) });
  await options.locator('.sources li', { hasText: 'imported: bench.wtix' }).waitFor({ timeout: 30_000 });
  await options.close();

  const ready: number[] = [];
  const loads: number[] = [];
  const toOverlay: number[] = [];
  const afterReady: number[] = [];
  const afterLoad: number[] = [];
  let none = 0;
  for (const name of names) {
    const page = await harness.context.newPage();
    // Page world, before any page script: when our host element arrives (the page can see the host, not inside it).
    await page.addInitScript(() => {
      const w = window as unknown as { __overlayAt?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector('wiretrace-overlay')) {
          w.__overlayAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    // Not "load": some pages wait for ever on a resource that goes nowhere (every host is the loopback server).
    await page.goto(`http://uk.investing.com/bench/${name}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const shown = await page
      .waitForFunction(() => (window as unknown as { __overlayAt?: number }).__overlayAt, undefined, {
        timeout: OVERLAY_TIMEOUT_MS,
      })
      .then(() => true)
      .catch(() => false);
    const times = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        ready: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd || null,
        overlay: (window as unknown as { __overlayAt?: number }).__overlayAt ?? null,
      };
    });
    ready.push(times.ready);
    if (times.load) loads.push(times.load);
    if (shown && times.overlay !== null) {
      toOverlay.push(times.overlay);
      afterReady.push(times.overlay - times.ready);
      if (times.load) afterLoad.push(times.overlay - times.load);
    } else none++;
    await page.close();
  }
  const fmt = (xs: number[]) =>
    xs.length ? `p50 ${quantile(xs, 0.5).toFixed(0)} ms, p95 ${quantile(xs, 0.95).toFixed(0)} ms` : 'none';
  console.log(`pages: ${names.length} from ${BENCH}, served on loopback as uk.investing.com/bench/…`);
  console.log(`baseline, the page's own DOMContentLoaded (from navigation start): ${fmt(ready)}`);
  console.log(`baseline, the page's own load event: ${fmt(loads)} (${loads.length} pages reached it)`);
  console.log(`navigation start to overlay: ${fmt(toOverlay)} over ${toOverlay.length} pages`);
  console.log(`DOMContentLoaded to overlay (idle wait, detect, extract, clean, match, render): ${fmt(afterReady)}`);
  console.log(`load event to overlay (negative: the overlay came first): ${fmt(afterLoad)}`);
  console.log(
    `ratio at p50, navigation-to-overlay / navigation-to-DOMContentLoaded: ${(quantile(toOverlay, 0.5) / quantile(ready, 0.5)).toFixed(2)}`,
  );
  console.log(`no overlay within ${OVERLAY_TIMEOUT_MS / 1000} s (not read as an article, or no match): ${none}`);
} finally {
  await harness.close();
}
