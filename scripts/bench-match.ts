/**
 * Matching speed at scale: index load time, match time p50/p99 per page with
 * the inverted index, and the same pages by a brute-force scan of the same
 * index in the same run; memory per story; and whether the answers were right.
 *   npm run synth:corpus -- --stories 10000 --out /tmp/synth-10000
 *   npm run build:index -- --corpus /tmp/synth-10000 --compact /tmp/synth-10000.wtix
 *   npm run bench:match -- --index /tmp/synth-10000.wtix --corpus /tmp/synth-10000 [--pages 300 --brute 30 --warmup 300 --rounds 3]
 * Pages: copies of random stories (whole, first three paragraphs, shuffled,
 * ads between paragraphs) and negatives (sentences of many stories, the seed
 * corpus when the synthetic index does not hold it).
 */
import { quantile, seededRandom } from './bench-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCli, usageError } from './cli-args';
import type { Article } from '../lib/article';
import { extractText } from '../lib/extract';
import { openIndexFile } from '../lib/index-file';
import { matchArticle } from '../lib/match';

const { values } = parseCli({
  command: 'bench:match',
  usage: `--index FILE --corpus DIR [--pages N --brute N --warmup N --rounds N --show-false]
  --index FILE    the index to time (.json or .wtix)
  --corpus DIR    the corpus it was built from (pages are made from its stories)
  --pages N       pages matched per round (default: 300); --brute N of them also by brute force (default: 30)
  --warmup N      matches before timing (default: 300); --rounds N timed rounds (default: 3)
  --show-false    each false match's relation and why
  -h, --help      this text`,
  allowPositionals: false,
  paths: ['index', 'corpus'],
  options: {
    index: { type: 'string' },
    corpus: { type: 'string' },
    pages: { type: 'string', default: '300' },
    brute: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
    // Prints each false match's relation and why: what a threshold change broke.
    'show-false': { type: 'boolean', default: false },
  },
});
if (!values.index || !values.corpus) usageError('bench:match', 'both --index FILE and --corpus DIR are needed');

const random = seededRandom(7);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const memory = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const folders = readdirSync(values.corpus)
  .filter((f) => !f.startsWith('.'))
  .sort();
const wireOf = (folder: string) =>
  readFileSync(join(values.corpus!, folder, 'versions', 'wire.txt'), 'utf8')
    .trim()
    .split(/\n\n/);

type Kind = 'whole' | 'first-three' | 'shuffled' | 'ads-between' | 'mixed-negative';
const KINDS: Kind[] = ['whole', 'first-three', 'shuffled', 'ads-between', 'mixed-negative'];
const AD = '3rd party Ad. Not an offer or recommendation by Investing.com. See disclosure here or remove ads .';

function makePage(kind: Kind): { article: Article; story: string | null } {
  const folder = folders[Math.floor(random() * folders.length)]!;
  const [title, ...paragraphs] = wireOf(folder);
  let body: string[];
  let story: string | null = folder;
  if (kind === 'whole') body = paragraphs;
  else if (kind === 'first-three') body = paragraphs.slice(0, 3);
  else if (kind === 'shuffled') body = [...paragraphs].sort(() => random() - 0.5);
  else if (kind === 'ads-between') body = paragraphs.flatMap((p) => [p, AD]);
  else {
    story = null;
    body = Array.from({ length: 20 }, () => {
      const ps = wireOf(folders[Math.floor(random() * folders.length)]!);
      return ps[1 + Math.floor(random() * (ps.length - 1))]!;
    });
  }
  const result = extractText(`${title}\n\n${body.join('\n\n')}`);
  if (!result.ok) throw new Error(`no article for a ${kind} page`);
  return { article: result.article, story };
}

const before = memory();
const bytes = readFileSync(values.index);
let t = performance.now();
const { index, info } = openIndexFile(bytes);
const loadMs = performance.now() - t;
const afterLoad = memory();

// A background that has run a while: code compiled, word caches filled. The first match after a
// start (a service worker woken for one page) is reported on its own, as "cold".
const warmupPages = Array.from({ length: Number(values.warmup) }, (_, i) => makePage(KINDS[i % KINDS.length]!));
let coldMs: number | null = null;
for (const page of warmupPages) {
  t = performance.now();
  matchArticle(index, page.article);
  coldMs ??= performance.now() - t;
}

const pages = Array.from({ length: Number(values.pages) }, (_, i) => ({
  kind: KINDS[i % KINDS.length]!,
  ...makePage(KINDS[i % KINDS.length]!),
}));
// Each round opens the index afresh (no story decoded yet) and matches every page once; the
// figures are the median over rounds of each round's p50 and p99, with the rounds listed: on a
// shared two-core machine one round's p99 can be twice the next's.
/** Per round, the wall time of each page's match, in page order. */
const rounds: number[][] = [];
let right = 0;
let falseMatches = 0;
const missed: Record<string, number> = {};
for (let r = 0; r < Number(values.rounds); r++) {
  const { index: fresh } = r === 0 ? { index } : openIndexFile(bytes);
  const round: number[] = [];
  for (const page of pages) {
    t = performance.now();
    const result = matchArticle(fresh, page.article);
    round.push(performance.now() - t);
    if (r > 0) continue;
    const got = result.match?.story.id ?? null;
    if (got === page.story) right++;
    else if (page.story === null) {
      falseMatches++;
      if (values['show-false']) console.log(`false match: ${result.match?.relation}: ${result.match?.evidence.why}`);
    } else missed[page.kind] = (missed[page.kind] ?? 0) + 1;
  }
  rounds.push(round);
}
const afterMatch = memory();

const brute: number[] = [];
for (const page of pages.slice(0, Number(values.brute))) {
  t = performance.now();
  matchArticle(index, page.article, { scanAll: true });
  brute.push(performance.now() - t);
}

const median = (xs: number[]) => quantile(xs, 0.5);
const over = (pick: (times: number[]) => number[], q: number) => rounds.map((round) => quantile(pick(round), q));
const isCopy = (i: number) => pages[i]!.story !== null;
const all = (times: number[]) => times;
const copies = (times: number[]) => times.filter((_, i) => isCopy(i));
const negatives = (times: number[]) => times.filter((_, i) => !isCopy(i));
const line = (pick: (times: number[]) => number[]) => {
  const p50 = over(pick, 0.5);
  const p99 = over(pick, 0.99);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
  return `p50 ${median(p50).toFixed(2)} ms, p99 ${median(p99).toFixed(2)} ms (rounds: p50 ${list(p50)}; p99 ${list(p99)})`;
};
const fmt = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(2)} ms, p99 ${quantile(xs, 0.99).toFixed(2)} ms`;
console.log(
  `index: ${values.index} (${info.build}, ${info.stories} stories, ${mib(info.bytes)} MiB, ${(info.bytes / info.stories).toFixed(0)} bytes/story)`,
);
console.log(`load: ${loadMs.toFixed(1)} ms (bytes already read; open and check in place)`);
console.log(
  `memory: ${mib(afterLoad - before)} MiB after load, ${mib(afterMatch - before)} MiB after ${pages.length * rounds.length} matches (${((afterMatch - before) / info.stories).toFixed(0)} bytes/story)`,
);
console.log(
  `match, inverted index, ${pages.length} pages × ${rounds.length} rounds, after ${warmupPages.length} warm-up pages${coldMs === null ? '' : ` (the very first, cold: ${coldMs.toFixed(1)} ms)`}:`,
);
const copyCount = pages.filter((_, i) => isCopy(i)).length;
console.log(`  all pages, wall: ${line(all)}`);
console.log(`  copies (${copyCount}), wall: ${line(copies)}`);
console.log(`  negatives (${pages.length - copyCount}), wall: ${line(negatives)}`);
if (brute.length) {
  console.log(`match, brute-force scan of the same index: ${fmt(brute)} over ${brute.length} pages`);
  console.log(`speed-up at p50: ${(quantile(brute, 0.5) / median(over(all, 0.5))).toFixed(0)}x`);
} else console.log('match, brute-force scan: skipped (--brute 0)');
console.log(
  `answers: ${right}/${pages.length} right, ${falseMatches} false matches on negatives, missed copies: ${JSON.stringify(missed)}`,
);
