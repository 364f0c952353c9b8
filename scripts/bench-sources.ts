/**
 * Matching over every source at once, against the bundled index alone, in the same run:
 * match time p50/p99 per page with N learned stories plus a large import (the union the
 * background matches against), and with the bundled index only; the time to learn a page
 * (lib/learned + the learned segment, no disk) as the store grows to N; bytes per learned record.
 *   npm run synth:corpus -- --stories 100000 --out /tmp/synth-100k
 *   npm run build:index -- --corpus /tmp/synth-100k --compact /tmp/synth-100k.wtix
 *   npm run synth:corpus -- --stories 5000 --out /tmp/synth-learned --seed 2
 *   npm run bench:sources -- --import /tmp/synth-100k.wtix --import-corpus /tmp/synth-100k --learned-corpus /tmp/synth-learned [--learned 5000 --pages 300 --rounds 3]
 * Pages: copies of learned and of imported stories (whole, the first three paragraphs, shuffled,
 * ads between paragraphs), the seed pages (the bundled story), and negatives (sentences of many
 * stories).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCli, usageError } from './cli-args';
import { serialize } from 'node:v8';
import type { Article } from '../lib/article';
import { extractText } from '../lib/extract';
import { openIndexFile } from '../lib/index-file';
import { entryOf, learnPage, recordBytes, type LearnedRecord } from '../lib/learned';
import { LearnedIndex } from '../lib/learned-index';
import { matchArticle } from '../lib/match';
import type { MatchIndex } from '../lib/match-index';
import { BUNDLED } from '../lib/story-source';
import { unionIndex } from '../lib/union-index';
import { quantile, seededRandom } from './bench-utils';

const { values } = parseCli({
  command: 'bench:sources',
  usage: `--import F.wtix --import-corpus DIR --learned-corpus DIR [--learned N --pages N --warmup N --rounds N]
  --import F.wtix         a large imported index (npm run build:index -- --compact)
  --import-corpus DIR     the corpus it was built from
  --learned-corpus DIR    stories to learn one at a time (--learned N of them, default 5000)
  --pages N --warmup N --rounds N   pages matched per round, matches before timing, timed rounds
  -h, --help              this text`,
  allowPositionals: false,
  paths: ['import', 'import-corpus', 'learned-corpus'],
  options: {
    import: { type: 'string' },
    'import-corpus': { type: 'string' },
    'learned-corpus': { type: 'string' },
    learned: { type: 'string', default: '5000' },
    pages: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
  },
});
if (!values.import || !values['import-corpus'] || !values['learned-corpus'])
  usageError('bench:sources', '--import, --import-corpus and --learned-corpus are all needed');

const DAY = 86_400_000;
/** Learned stories are spread over a year of reading, as a cap of 5,000 holds about a year of a steady reader's. */
const READING_DAYS = 365;
const START = Date.parse('2024-01-01T08:00:00Z');
const AD = '3rd party Ad. Not an offer or recommendation by Investing.com. See disclosure here or remove ads .';
const random = seededRandom(11);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const memory = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const foldersOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
const wireOf = (dir: string, folder: string) =>
  readFileSync(join(dir, folder, 'versions', 'wire.txt'), 'utf8')
    .trim()
    .split(/\n\n/);
function articleOf(paragraphs: string[]): Article {
  const result = extractText(paragraphs.join('\n\n'));
  if (!result.ok) throw new Error(`no article: ${result.reason}`);
  return result.article;
}

// Learn N stories, one at a time, as the background does (records in memory, the segment growing).
const learnedDir = values['learned-corpus'];
const learnedFolders = foldersOf(learnedDir).slice(0, Number(values.learned));
const records = new Map<string, LearnedRecord>();
const learnedIndex = new LearnedIndex();
const learnTimes: number[] = [];
const idOfFolder = new Map<string, string>();
const before = memory();
let merges = 0;
learnedFolders.forEach((folder, i) => {
  const [title, ...paragraphs] = wireOf(learnedDir, folder);
  const article = {
    ...articleOf([title!, ...paragraphs]),
    published: new Date(START + Math.floor((i / learnedFolders.length) * READING_DAYS) * DAY).toISOString(),
  };
  const url = `https://apnews.com/article/${folder}-${(i * 2654435761).toString(16).padStart(32, '0').slice(-32)}`;
  const t = performance.now();
  const { record } = learnPage(
    records.values(),
    { kind: 'learned', url, site: 'apnews.com', agency: 'Associated Press', article },
    START + i * 60_000,
  );
  records.set(record.id, record);
  learnedIndex.put(entryOf(record));
  learnTimes.push(performance.now() - t);
  // The background merges after answering the page; counted apart.
  if (learnedIndex.needsMerge) {
    learnedIndex.merge();
    merges++;
  }
  idOfFolder.set(folder, record.id);
});
const afterLearn = memory();
const last = learnTimes.slice(-500);
const mergeStart = performance.now();
learnedIndex.merge();
const mergeMs = performance.now() - mergeStart;
const serialized = [...records.values()].map((r) => serialize(r).length);
const estimated = [...records.values()].map(recordBytes);

// The sources: the bundled index alone, and every source as the background holds them.
const bundled = openIndexFile(new Uint8Array(readFileSync('assets/index.json')));
const t = performance.now();
const imported = openIndexFile(new Uint8Array(readFileSync(values.import)));
const importOpenMs = performance.now() - t;
const all = unionIndex([
  { index: bundled.index, source: () => BUNDLED },
  { index: imported.index, source: () => ({ kind: 'imported', name: values.import! }) },
  { index: learnedIndex, source: (p) => learnedIndex.sourceOf(p) },
]);

// Pages.
type Kind = 'whole' | 'first-three' | 'shuffled' | 'ads-between';
const KINDS: Kind[] = ['whole', 'first-three', 'shuffled', 'ads-between'];
const importDir = values['import-corpus'];
const importFolders = foldersOf(importDir);
function copy(paragraphs: string[], kind: Kind): string[] {
  if (kind === 'whole') return paragraphs;
  if (kind === 'first-three') return paragraphs.slice(0, 3);
  if (kind === 'shuffled') return [...paragraphs].sort(() => random() - 0.5);
  return paragraphs.flatMap((p) => [p, AD]);
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
type Page = { article: Article; expect: string | null; from: 'learned' | 'imported' | 'bundled' | 'negative' };
function makePage(i: number): Page {
  const kind = KINDS[i % KINDS.length]!;
  switch (i % 4) {
    case 0: {
      const folder = pick(learnedFolders);
      const [title, ...paragraphs] = wireOf(learnedDir, folder);
      return {
        article: articleOf([title!, ...copy(paragraphs, kind)]),
        expect: idOfFolder.get(folder)!,
        from: 'learned',
      };
    }
    case 1: {
      const folder = pick(importFolders);
      const [title, ...paragraphs] = wireOf(importDir, folder);
      return { article: articleOf([title!, ...copy(paragraphs, kind)]), expect: folder, from: 'imported' };
    }
    case 2: {
      const seeds = join('corpus', 'reuters-2022-01-12-nato-russia-council', 'versions');
      const file = pick(readdirSync(seeds).filter((f) => f.endsWith('.txt')));
      const result = extractText(readFileSync(join(seeds, file), 'utf8'));
      if (!result.ok) throw new Error(file);
      return { article: result.article, expect: 'reuters-2022-01-12-nato-russia-council', from: 'bundled' };
    }
    default: {
      // Sentences of many stories, learned and imported: a page that carries none of them.
      const body = Array.from({ length: 20 }, (_, j) => {
        const [dir, folders] = j % 2 ? [learnedDir, learnedFolders] : [importDir, importFolders];
        const ps = wireOf(dir, pick(folders));
        return ps[1 + Math.floor(random() * (ps.length - 1))]!;
      });
      return { article: articleOf(['Markets wrap', ...body]), expect: null, from: 'negative' };
    }
  }
}

const warmup = Array.from({ length: Number(values.warmup) }, (_, i) => makePage(i));
for (const page of warmup) {
  matchArticle(bundled.index, page.article);
  matchArticle(all, page.article);
}
const pages = Array.from({ length: Number(values.pages) }, (_, i) => makePage(i));

/** Per index, per round, each page's match time, and the first round's answers (story id or null). */
function run(index: MatchIndex) {
  const rounds: number[][] = [];
  const answers: Array<string | null> = [];
  for (let r = 0; r < Number(values.rounds); r++) {
    const round: number[] = [];
    for (const page of pages) {
      const start = performance.now();
      const result = matchArticle(index, page.article);
      round.push(performance.now() - start);
      if (r === 0) answers.push(result.match?.story.id ?? null);
    }
    rounds.push(round);
  }
  const over = (q: number) =>
    quantile(
      rounds.map((round) => quantile(round, q)),
      0.5,
    );
  /** p50 and p99 of one kind of page (median over rounds). */
  const ofKind = (from: Page['from']) => {
    const mine = (round: number[]) => round.filter((_, i) => pages[i]!.from === from);
    const q = (x: number) =>
      quantile(
        rounds.map((round) => quantile(mine(round), x)),
        0.5,
      ).toFixed(2);
    return `${from} ${q(0.5)} / ${q(0.99)}`;
  };
  return { p50: over(0.5), p99: over(0.99), answers, ofKind };
}
// Interleaved: the indexes share the machine's state (caches, a busy neighbour) as evenly as can be.
const alone = run(bundled.index);
const importAlone = run(imported.index);
const union = run(all);
const learnedAlone = run(learnedIndex);
const alone2 = run(bundled.index);
const bundledOnly = { p50: Math.min(alone.p50, alone2.p50), p99: Math.min(alone.p99, alone2.p99) };
/** What each page's own source answers alone: the union must answer the same. */
const ownAnswer = (i: number): string | null => {
  const from = pages[i]!.from;
  if (from === 'learned') return learnedAlone.answers[i]!;
  if (from === 'imported') return importAlone.answers[i]!;
  if (from === 'bundled') return alone.answers[i]!;
  return null;
};
const tally = (answer: (i: number) => string | null) => {
  const wrong: Record<string, number> = {};
  let right = 0;
  pages.forEach((page, i) => {
    if (answer(i) === page.expect) right++;
    else wrong[page.from] = (wrong[page.from] ?? 0) + 1;
  });
  return `${right}/${pages.length} right, wrong by kind of page: ${JSON.stringify(wrong)}`;
};
const differs = pages.filter((page, i) => page.from !== 'negative' && union.answers[i] !== ownAnswer(i)).length;

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `sources: bundled ${bundled.info.stories} + import ${imported.info.stories.toLocaleString('en')} (${imported.info.build}, opened in ${importOpenMs.toFixed(1)} ms) + learned ${learnedIndex.storyCount.toLocaleString('en')} = ${all.storyCount.toLocaleString('en')} stories`,
);
console.log(
  `learn (lib/learned + learned segment, no disk), ${learnTimes.length} stories: p50 ${quantile(learnTimes, 0.5).toFixed(2)} ms, p95 ${quantile(learnTimes, 0.95).toFixed(2)} ms, max ${Math.max(...learnTimes).toFixed(1)} ms; the last 500 (store near full): p50 ${quantile(last, 0.5).toFixed(2)} ms, p95 ${quantile(last, 0.95).toFixed(2)} ms; ${merges} merges on the way (after answering), a full merge at ${learnedIndex.storyCount} stories ${mergeMs.toFixed(0)} ms`,
);
console.log(
  `learned record: ${avg(serialized).toFixed(0)} bytes structured-cloned (v8.serialize, what IndexedDB stores before its own compression), ${avg(estimated).toFixed(0)} bytes story JSON + fingerprints; memory ${mib(afterLearn - before)} MiB for ${learnedIndex.storyCount} learned stories (${((afterLearn - before) / learnedIndex.storyCount).toFixed(0)} bytes/story)`,
);
console.log(
  `match, ${pages.length} pages × ${values.rounds} rounds (median over rounds), after ${warmup.length} warm-up pages:`,
);
const ratio = (x: { p50: number; p99: number }) =>
  `(× ${(x.p50 / bundledOnly.p50).toFixed(1)} / × ${(x.p99 / bundledOnly.p99).toFixed(1)} the bundled index's)`;
console.log(`  bundled index only:        p50 ${bundledOnly.p50.toFixed(2)} ms, p99 ${bundledOnly.p99.toFixed(2)} ms`);
console.log(
  `  the import alone:          p50 ${importAlone.p50.toFixed(2)} ms, p99 ${importAlone.p99.toFixed(2)} ms ${ratio(importAlone)}`,
);
console.log(
  `  the learned stories alone: p50 ${learnedAlone.p50.toFixed(2)} ms, p99 ${learnedAlone.p99.toFixed(2)} ms ${ratio(learnedAlone)}`,
);
console.log(
  `  every source:              p50 ${union.p50.toFixed(2)} ms, p99 ${union.p99.toFixed(2)} ms ${ratio(union)}`,
);
const kinds = (x: ReturnType<typeof run>) =>
  (['learned', 'imported', 'bundled', 'negative'] as const).map(x.ofKind).join(', ');
console.log(`  by kind of page, p50 / p99 ms: the import alone: ${kinds(importAlone)}`);
console.log(`                                 every source:     ${kinds(union)}`);
console.log(`  answers over every source: ${tally((i) => union.answers[i]!)}`);
console.log(`  answers of each page's own source alone: ${tally(ownAnswer)}`);
console.log(`  copies whose answer over every source differs from their own source's alone: ${differs}`);
