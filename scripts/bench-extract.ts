/**
 * Extraction benchmark: runs the content script's extraction and Readability
 * alone on every *.html / *.html.gz in a folder, in the same run.
 *   npm run bench:extract -- --html ../shared/extraction-bench/html --out /tmp/pred.json
 * Writes { "<name>": { "articleBody": "..." } } for the benchmark's evaluate.mjs,
 * and prints pages, median and p95 ms per page for both, and their ratio.
 */
import { quantile } from './bench-utils';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCli, usageError } from './cli-args';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { extractDocument } from '../lib/extract';
import { parseHtml } from './node-dom';

const { values } = parseCli({
  command: 'bench:extract',
  usage: `--html DIR --out FILE
  --html DIR     the benchmark's pages (.html or .html.gz)
  --out FILE     where to write the predictions (JSON) for the benchmark's evaluate.mjs
  -h, --help     this text`,
  options: { html: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: false,
  paths: ['html', 'out'],
});
if (!values.html || !values.out) usageError('bench:extract', 'both --html DIR and --out FILE are needed');

const median = (xs: number[]) => quantile(xs, 0.5);
/** Timed rounds per page; each page's time is its median over the rounds, so one GC pause does not decide it. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const pages = readdirSync(values.html)
  .filter((f) => /\.html(\.gz)?$/.test(f))
  .sort()
  .map((file) => {
    const bytes = readFileSync(join(values.html!, file));
    return {
      name: file.replace(/\.html(\.gz)?$/, ''),
      html: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
    };
  });

// Each side parses its own document, so neither profits from the other's work.
// Detection included: this is what the content script runs on every page.
const runOurs = (html: string) => extractDocument(parseHtml(html));
const runReadability = (html: string) => {
  try {
    new Readability(parseHtml(html)).parse();
  } catch {
    // Readability failing on a page counts its time all the same.
  }
};
const timed = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

const predictions: Record<string, { articleBody: string }> = {};
// Warm-up round: both sides' code is compiled before anything is timed.
for (const { name, html } of pages) {
  const result = runOurs(html);
  predictions[name] = { articleBody: result.ok ? result.article.blocks.map((b) => b.text).join('\n') : '' };
  runReadability(html);
}
const ours: number[] = [];
const readability: number[] = [];
for (const { html } of pages) {
  const a: number[] = [];
  const b: number[] = [];
  // Alternate which side goes first, so neither always pays for the other's garbage.
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      a.push(timed(() => runOurs(html)));
      b.push(timed(() => runReadability(html)));
    } else {
      b.push(timed(() => runReadability(html)));
      a.push(timed(() => runOurs(html)));
    }
  }
  ours.push(median(a));
  readability.push(median(b));
}

writeFileSync(values.out, JSON.stringify(predictions));
const fmt = (x: number) => x.toFixed(1);
console.log(`pages: ${ours.length}, ${ROUNDS} timed rounds per page after a warm-up round`);
console.log(`ours:        median ${fmt(quantile(ours, 0.5))} ms, p95 ${fmt(quantile(ours, 0.95))} ms (parse included)`);
console.log(
  `readability: median ${fmt(quantile(readability, 0.5))} ms, p95 ${fmt(quantile(readability, 0.95))} ms (parse included)`,
);
console.log(
  `ratio ours/readability: median ${(quantile(ours, 0.5) / quantile(readability, 0.5)).toFixed(2)}, p95 ${(quantile(ours, 0.95) / quantile(readability, 0.95)).toFixed(2)}`,
);
