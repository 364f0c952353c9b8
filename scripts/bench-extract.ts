/**
 * Extraction benchmark: runs the content script's extraction and Readability
 * alone on every *.html / *.html.gz in a folder, in the same run.
 *   npm run bench:extract -- --html ../shared/extraction-bench/html --out /tmp/pred.json
 * Writes { "<name>": { "articleBody": "..." } } for the benchmark's evaluate.mjs,
 * and prints pages, median and p95 ms per page for both, and their ratio.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { extractDocument } from '../lib/extract';
import { parseHtml } from './node-dom';

const { values } = parseArgs({ options: { html: { type: 'string' }, out: { type: 'string' } } });
if (!values.html || !values.out) {
  console.error('usage: npm run bench:extract -- --html DIR --out FILE');
  process.exit(2);
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const predictions: Record<string, { articleBody: string }> = {};
const ours: number[] = [];
const readability: number[] = [];

for (const file of readdirSync(values.html)
  .filter((f) => /\.html(\.gz)?$/.test(f))
  .sort()) {
  const bytes = readFileSync(join(values.html, file));
  const html = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const name = file.replace(/\.html(\.gz)?$/, '');
  // Each side parses its own document, so neither profits from the other's work.
  let t = performance.now();
  const result = extractDocument(parseHtml(html), { skipDetect: true });
  ours.push(performance.now() - t);
  predictions[name] = { articleBody: result.ok ? result.article.blocks.map((b) => b.text).join('\n') : '' };
  t = performance.now();
  try {
    new Readability(parseHtml(html)).parse();
  } catch {
    // Readability failing on a page counts its time all the same.
  }
  readability.push(performance.now() - t);
}

writeFileSync(values.out, JSON.stringify(predictions));
const fmt = (x: number) => x.toFixed(1);
console.log(`pages: ${ours.length}`);
console.log(`ours:        median ${fmt(quantile(ours, 0.5))} ms, p95 ${fmt(quantile(ours, 0.95))} ms (parse included)`);
console.log(
  `readability: median ${fmt(quantile(readability, 0.5))} ms, p95 ${fmt(quantile(readability, 0.95))} ms (parse included)`,
);
console.log(
  `ratio ours/readability: median ${(quantile(ours, 0.5) / quantile(readability, 0.5)).toFixed(2)}, p95 ${(quantile(ours, 0.95) / quantile(readability, 0.95)).toFixed(2)}`,
);
