/**
 * Learning in the background, in Chromium, with a store already holding N stories: the records
 * are written straight into the extension's IndexedDB (as the background would have written
 * them), the service worker is stopped, then K agency article pages are opened one after another.
 * The background's own user-timing measures are read from its worker: each page's learning
 * ('wiretrace:learn': page in, story on disk and matchable) and the store's opening at the
 * worker's start ('wiretrace:open-learned'). Bytes per stored story from the origin's storage
 * estimate, before and after the records went in.
 *   npm run build:e2e
 *   npm run synth:corpus -- --stories 5100 --out /tmp/synth-learned --seed 2
 *   npm run bench:learn -- --corpus /tmp/synth-learned [--stored 5000 --pages 60]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli, usageError } from './cli-args';
import type { CDPSession } from 'playwright-core';
import { extractText } from '../lib/extract';
import { learnPage, type LearnedRecord } from '../lib/learned';
import { articlePage } from '../tests/fixtures/learning/stories';
import { ensureBuilt, extensionId, startHarness } from '../tests/e2e/harness';
import { quantile } from './bench-utils';

const { values } = parseCli({
  command: 'bench:learn',
  usage: `--corpus DIR [--stored N] [--pages N]
  --corpus DIR   a corpus (npm run synth:corpus) with at least N + pages stories
  --stored N     stories already stored before learning (default: 5000)
  --pages N      pages learned and timed (default: 60)
  -h, --help     this text`,
  allowPositionals: false,
  paths: ['corpus'],
  options: {
    corpus: { type: 'string' },
    stored: { type: 'string', default: '5000' },
    pages: { type: 'string', default: '60' },
  },
});
if (!values.corpus) usageError('bench:learn', 'say which corpus to learn from with --corpus DIR');

const DAY = 86_400_000;
const START = Date.parse('2024-01-01T08:00:00Z');
/** Records sent to the page per evaluate call. */
const BATCH = 250;

const folders = readdirSync(values.corpus)
  .filter((f) => !f.startsWith('.'))
  .sort();
const stored = Number(values.stored);
const pageCount = Number(values.pages);
if (folders.length < stored + pageCount) throw new Error(`need ${stored + pageCount} stories in ${values.corpus}`);
const wireOf = (folder: string) =>
  readFileSync(join(values.corpus!, folder, 'versions', 'wire.txt'), 'utf8')
    .trim()
    .split(/\n\n/);
const pathOf = (folder: string, i: number) =>
  `apnews.com/article/${folder}-${(i * 2654435761).toString(16).padStart(32, '0').slice(-32)}`;

// The stored stories, learned in node exactly as the background learns them.
const records = new Map<string, LearnedRecord>();
folders.slice(0, stored).forEach((folder, i) => {
  const [title, ...paragraphs] = wireOf(folder);
  const result = extractText([title, ...paragraphs].join('\n\n'));
  if (!result.ok) throw new Error(folder);
  const article = {
    ...result.article,
    published: new Date(START + Math.floor((i / stored) * 365) * DAY).toISOString(),
  };
  const page = {
    kind: 'learned' as const,
    url: `https://${pathOf(folder, i)}`,
    site: 'apnews.com',
    agency: 'Associated Press',
    article,
  };
  const { record } = learnPage(records.values(), page, START + i * 60_000);
  records.set(record.id, record);
});

// The pages read next: today's articles.
const pages: Record<string, string> = {};
const toOpen = folders.slice(stored, stored + pageCount).map((folder, j) => {
  const [headline, ...paragraphs] = wireOf(folder);
  const path = pathOf(folder, stored + j);
  pages[path] = articlePage(
    {
      headline: headline!,
      dateline: 'WASHINGTON',
      byline: 'By A. Reporter',
      published: new Date().toISOString(),
      paragraphs,
    },
    { siteName: 'AP News', canonical: `https://${path}` },
  );
  return path;
});

ensureBuilt();
const harness = await startHarness(undefined, pages);
try {
  const id = await extensionId(harness.context);
  const options = await harness.context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  // The background has opened (and so created) the store by the time the options show the sources.
  await options.locator('.index-info', { hasText: 'Matching against' }).waitFor({ timeout: 30_000 });
  const usage = () => options.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const usageBefore = await usage();
  const all = [...records.values()].map((r) => ({ ...r, fingerprints: Array.from(r.fingerprints) }));
  for (let i = 0; i < all.length; i += BATCH) {
    await options.evaluate(
      async (batch) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('wiretrace');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction('learned', 'readwrite');
        for (const record of batch)
          tx.objectStore('learned').put({ ...record, fingerprints: Uint32Array.from(record.fingerprints) });
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      all.slice(i, i + BATCH),
    );
  }
  const usageAfter = await usage();

  // As the browser does to an idle worker: stopped, so the next page opens the store afresh.
  const cdp: CDPSession = await harness.context.newCDPSession(options);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ type: string; url: string; targetId: string }>;
  };
  for (const t of targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(id)))
    await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await new Promise((done) => setTimeout(done, 500));

  const overlays: number[] = [];
  for (const path of toOpen) {
    const page = await harness.context.newPage();
    const start = Date.now();
    await page.goto(`http://${path}`);
    await page.locator('wiretrace-overlay .badge', { hasText: 'original' }).waitFor({ timeout: 60_000 });
    overlays.push(Date.now() - start);
    await page.close();
  }
  const worker = harness.context.serviceWorkers().find((w) => w.url().includes(id))!;
  const measures = await worker.evaluate(() =>
    performance.getEntriesByType('measure').map((m) => ({ name: m.name, duration: m.duration })),
  );
  const learn = measures.filter((m) => m.name === 'wiretrace:learn').map((m) => m.duration);
  const open = measures.filter((m) => m.name === 'wiretrace:open-learned').map((m) => m.duration);
  const f = (x: number) => x.toFixed(1);
  console.log(
    `store: ${stored.toLocaleString('en')} learned stories written to IndexedDB; then ${toOpen.length} agency pages opened one by one`,
  );
  console.log(
    `bytes per stored story (storage estimate): ${((usageAfter - usageBefore) / stored).toFixed(0)} (${((usageAfter - usageBefore) / 2 ** 20).toFixed(1)} MiB for ${stored.toLocaleString('en')})`,
  );
  console.log(`opening the learned store at the worker's start: ${open.map(f).join(', ')} ms`);
  console.log(
    `learning a page in the background (${learn.length} pages): p50 ${f(quantile(learn, 0.5))} ms, p95 ${f(quantile(learn, 0.95))} ms, max ${f(Math.max(...learn))} ms`,
  );
  console.log(
    `page load to overlay: first (worker cold, store opened) ${overlays[0]} ms; the others p50 ${quantile(overlays.slice(1), 0.5)} ms`,
  );
} finally {
  await harness.close();
}
