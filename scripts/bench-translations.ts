/**
 * What reading other languages costs:
 *   npm run bench:translations [-- --corpus /tmp/synth-10k --lexicons ../shared/lexicons --ntrex ../shared/ntrex/docs]
 * - each word list: time to read it and the memory it holds (heap after a collection, against before);
 * - match time of translated pages (ntrex, every language, word lists loaded) against an index of the
 *   62 English originals plus the synthetic corpus (10k stories: `npm run synth:corpus -- --stories 10000`),
 *   beside English pages (the same originals) in the same run: p50 and p99.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli-args';
import { plainArticle, type Article } from '../lib/article';
import { loadIndex } from '../lib/index-full';
import { parseLexicon, type Lexicon } from '../lib/lexicon';
import { matchArticle } from '../lib/match';
import { quantile } from './bench-utils';
import { readStory, storyFolders } from './build-index';
import { NTREX_LANGUAGES, ntrexIndex } from './ntrex-eval';

const { values } = parseCli({
  command: 'bench:translations',
  usage: `[--lexicons DIR] [--ntrex DIR] [--corpus DIR]
  --lexicons DIR   the <lang>-en.tsv word lists (default: ../shared/lexicons)
  --ntrex DIR      the translated documents (default: ../shared/ntrex/docs)
  --corpus DIR     a synthetic corpus matched alongside (npm run synth:corpus)
  -h, --help       this text`,
  allowPositionals: false,
  paths: ['lexicons', 'ntrex', 'corpus'],
  options: {
    corpus: { type: 'string' },
    lexicons: { type: 'string', default: '../shared/lexicons' },
    ntrex: { type: 'string', default: '../shared/ntrex/docs' },
  },
});
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const lexicons = new Map<string, Lexicon>();
console.log('word lists: read time, memory held');
for (const language of NTREX_LANGUAGES) {
  const text = readFileSync(join(values.lexicons, `${language}-en.tsv`), 'utf8');
  const before = heap();
  const t = performance.now();
  const lexicon = parseLexicon(language, text);
  const ms = performance.now() - t;
  lexicons.set(language, lexicon);
  const mib = (heap() - before) / 2 ** 20;
  console.log(`  ${language}: ${lexicon.pairs} pairs, ${ms.toFixed(0)} ms, ${mib.toFixed(1)} MiB`);
}

const { ids, index: ntrex } = ntrexIndex(values.ntrex);
const synthetic = values.corpus ? storyFolders(values.corpus).map((f) => readStory(join(values.corpus!, f))) : [];
const originals = ids.map((_, i) => ntrex.story(i).story);
const index = loadIndex({ format: 'wiretrace-index', schemaVersion: 1, stories: [...originals, ...synthetic] });
console.log(`index: ${index.storyCount} stories (${originals.length} originals + ${synthetic.length} synthetic)`);

const article = (language: string, id: string): Article => {
  const [title, ...paragraphs] = readFileSync(join(values.ntrex, id, `${language}.txt`), 'utf8')
    .trim()
    .split('\n');
  return plainArticle(title ?? '', paragraphs);
};
const time = (language: string) => {
  const pages = ids.map((id) => article(language, id));
  for (const page of pages) matchArticle(index, page, { lexicons }); // warm
  const times = pages.map((page) => {
    const t = performance.now();
    matchArticle(index, page, { lexicons });
    return performance.now() - t;
  });
  return `p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms`;
};
console.log(`match, English originals (baseline, same run): ${time('en')}`);
for (const language of NTREX_LANGUAGES) console.log(`match, ${language} translations: ${time(language)}`);
